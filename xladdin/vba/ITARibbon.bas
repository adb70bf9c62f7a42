Attribute VB_Name = "ITARibbon"
' ITA Toolkit ribbon dispatcher. Generated add-in: edit xladdin/vba/ITARibbon.bas, then rebuild.
' Every button in customUI14.xml has onAction="ITARibbon.OnButton" and tag=<Python action name>,
' so this one Sub serves them all. Keep this file ASCII: VBA source is code page 1252, and all Thai
' text is shown from Python.
Option Explicit

Public Sub OnButton(control As IRibbonControl)
    If ActiveWorkbook Is Nothing Then Workbooks.Add   ' RunPython needs an active workbook (none open, Protected View)
    RunPython "import xladdin.entry as e; e.ribbon('" & control.Tag & "')"
End Sub
