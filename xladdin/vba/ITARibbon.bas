Attribute VB_Name = "ITARibbon"
' ITA Toolkit ribbon dispatcher. Generated add-in: edit xladdin/vba/ITARibbon.bas, then rebuild.
' Every button in customUI14.xml has onAction="ITARibbon.OnButton" and tag=<Python action name>, so
' this one Sub serves them all: it starts Python (xladdin.entry.main), which runs actions.<tag>.
'
' Python is started Unicode-safe (xladdin/launcher.py says why): CreateProcessW with the interpreter
' from the add-in's own ita.conf sheet or the user's %USERPROFILE%\.ita\ita.conf, never from the active
' workbook; no cmd.exe, no ANSI file API; what varies per click travels in environment variables.
' Keep this file ASCII (VBA source is code page 1252): the Thai messages are generated into Msg().
Option Explicit

Private Const CONF_SHEET As String = "ita.conf"
Private Const USER_CONF As String = "%USERPROFILE%\.ita\ita.conf"
'@LAUNCH_ARGS@
Private Const CREATE_NO_WINDOW As Long = &H8000000
Private Const WAIT_OBJECT_0 As Long = 0
Private Const WAIT_FAILED As Long = -1
Private Const STILL_ACTIVE As Long = 259
Private Const QS_ALLINPUT As Long = &H4FF
Private Const MB_ICONWARNING As Long = &H30
Private Const MB_SETFOREGROUND As Long = &H10000

Private Type STARTUPINFOW
    cb As Long
    lpReserved As LongPtr
    lpDesktop As LongPtr
    lpTitle As LongPtr
    dwX As Long
    dwY As Long
    dwXSize As Long
    dwYSize As Long
    dwXCountChars As Long
    dwYCountChars As Long
    dwFillAttribute As Long
    dwFlags As Long
    wShowWindow As Integer
    cbReserved2 As Integer
    lpReserved2 As LongPtr
    hStdInput As LongPtr
    hStdOutput As LongPtr
    hStdError As LongPtr
End Type

Private Type PROCESS_INFORMATION
    hProcess As LongPtr
    hThread As LongPtr
    dwProcessId As Long
    dwThreadId As Long
End Type

Private Declare PtrSafe Function CreateProcessW Lib "kernel32" (ByVal lpApplicationName As LongPtr, _
    ByVal lpCommandLine As LongPtr, ByVal lpProcessAttributes As LongPtr, ByVal lpThreadAttributes As LongPtr, _
    ByVal bInheritHandles As Long, ByVal dwCreationFlags As Long, ByVal lpEnvironment As LongPtr, _
    ByVal lpCurrentDirectory As LongPtr, lpStartupInfo As STARTUPINFOW, _
    lpProcessInformation As PROCESS_INFORMATION) As Long
Private Declare PtrSafe Function MsgWaitForMultipleObjects Lib "user32" (ByVal nCount As Long, _
    pHandles As LongPtr, ByVal fWaitAll As Long, ByVal dwMilliseconds As Long, ByVal dwWakeMask As Long) As Long
Private Declare PtrSafe Function GetExitCodeProcess Lib "kernel32" (ByVal hProcess As LongPtr, _
    lpExitCode As Long) As Long
Private Declare PtrSafe Function CloseHandle Lib "kernel32" (ByVal hObject As LongPtr) As Long
Private Declare PtrSafe Function SetEnvironmentVariableW Lib "kernel32" (ByVal lpName As LongPtr, _
    ByVal lpValue As LongPtr) As Long
Private Declare PtrSafe Function MessageBoxW Lib "user32" (ByVal hWnd As LongPtr, ByVal lpText As LongPtr, _
    ByVal lpCaption As LongPtr, ByVal uType As Long) As Long

Private Busy As Boolean

Public Sub OnButton(control As IRibbonControl)
    RunAction control.Tag
End Sub

' Runs actions.<tag>.on_button(host) in Python on the active workbook (also: Application.Run
' "ITA.xlam!RunAction", "selftest").
Public Sub RunAction(ByVal tag As String)
    Dim python As String, code As Long
    If Busy Then
        Alert Msg(5), ""
        Exit Sub
    End If
    On Error GoTo Failed
    If ActiveWorkbook Is Nothing Then Workbooks.Add   ' Python needs a book (none open, Protected View)
    python = Setting("INTERPRETER_WIN")
    If python = "" Then
        Alert Msg(1), ""
        Exit Sub
    End If
    If Not CreateObject("Scripting.FileSystemObject").FileExists(python) Then
        Alert Msg(2), python
        Exit Sub
    End If
    Busy = True
    SetEnv "ITA_TAG", tag
    SetEnv "ITA_BOOK", ActiveWorkbook.Name
    SetEnv "ITA_EXCEL_HWND", CStr(Application.Hwnd)
    #If Win64 Then
        SetEnv "ITA_EXCEL_BITS", "64"
    #Else
        SetEnv "ITA_EXCEL_BITS", "32"
    #End If
    SetEnv "ITA_PYTHONPATH", Setting("PYTHONPATH")
    code = Launch(Chr(34) & python & Chr(34) & LAUNCH_ARGS, FolderOf(python))
    ClearEnv
    Busy = False
    If code < 0 Then
        Alert Msg(3), CStr(-code)
    ElseIf code <> 0 Then
        Alert Msg(4), CStr(code)
    End If
    Exit Sub
Failed:
    ClearEnv
    Busy = False
    Alert Msg(3), "VBA " & CStr(Err.Number)
End Sub

' The exit code of the command; minus the Windows error code when it could not be started.
Private Function Launch(ByVal commandLine As String, ByVal folder As String) As Long
    Dim si As STARTUPINFOW, pi As PROCESS_INFORMATION, exitCode As Long, waited As Long
    Dim buffer As String
    si.cb = LenB(si)
    buffer = commandLine & vbNullChar          ' CreateProcessW may write into its command-line buffer
    If CreateProcessW(0, StrPtr(buffer), 0, 0, 0, CREATE_NO_WINDOW, 0, StrPtr(folder), si, pi) = 0 Then
        Launch = -Err.LastDllError
        If Launch = 0 Then Launch = -1
        Exit Function
    End If
    Do
        waited = MsgWaitForMultipleObjects(1, pi.hProcess, 0, 250, QS_ALLINPUT)
        If waited = WAIT_OBJECT_0 Then Exit Do
        DoEvents                               ' Python's calls into this Excel are served here
        If waited = WAIT_FAILED Then
            GetExitCodeProcess pi.hProcess, exitCode
            If exitCode <> STILL_ACTIVE Then Exit Do
        End If
    Loop
    GetExitCodeProcess pi.hProcess, exitCode
    CloseHandle pi.hThread
    CloseHandle pi.hProcess
    Launch = exitCode
End Function

' A launcher setting: the add-in's own ita.conf sheet, then the user's file. Never the active workbook.
Private Function Setting(ByVal key As String) As String
    Setting = SheetSetting(key)
    If Setting = "" Then Setting = UserSetting(key)
    If Setting <> "" Then Setting = CreateObject("WScript.Shell").ExpandEnvironmentStrings(Setting)
End Function

Private Function SheetSetting(ByVal key As String) As String
    Dim cells As Variant, i As Long
    On Error GoTo Done
    cells = ThisWorkbook.Worksheets(CONF_SHEET).Range("A1:B100").Value
    For i = 1 To 100
        If UCase$(Trim$(CStr(cells(i, 1)))) = key Then
            SheetSetting = Trim$(CStr(cells(i, 2)))
            Exit Function
        End If
    Next
Done:
End Function

' "KEY","value" lines of %USERPROFILE%\.ita\ita.conf, read as UTF-8 (launcher.parse_user_conf reads alike).
Private Function UserSetting(ByVal key As String) As String
    Dim path As String, text As String, lines As Variant, i As Long, ln As String, sep As Long
    On Error GoTo Done
    path = CreateObject("WScript.Shell").ExpandEnvironmentStrings(USER_CONF)
    If Not CreateObject("Scripting.FileSystemObject").FileExists(path) Then Exit Function
    With CreateObject("ADODB.Stream")
        .Type = 2
        .Charset = "utf-8"
        .Open
        .LoadFromFile path
        text = .ReadText
        .Close
    End With
    lines = Split(Replace(text, vbCr, ""), vbLf)
    For i = LBound(lines) To UBound(lines)
        ln = Trim$(lines(i))
        sep = InStr(ln, """,""")
        If sep > 1 And Left$(ln, 1) = """" And Right$(ln, 1) = """" Then
            If UCase$(Mid$(ln, 2, sep - 2)) = key Then
                UserSetting = Mid$(ln, sep + 3, Len(ln) - sep - 3)
                Exit Function
            End If
        End If
    Next
Done:
End Function

Private Function FolderOf(ByVal path As String) As String
    FolderOf = Left$(path, InStrRev(path, "\") - 1)
    If Right$(FolderOf, 1) = ":" Then FolderOf = FolderOf & "\"
End Function

Private Sub SetEnv(ByVal name As String, ByVal value As String)
    If Len(value) = 0 Then
        SetEnvironmentVariableW StrPtr(name), 0
    Else
        SetEnvironmentVariableW StrPtr(name), StrPtr(value)
    End If
End Sub

Private Sub ClearEnv()
    SetEnv "ITA_TAG", ""
    SetEnv "ITA_BOOK", ""
    SetEnv "ITA_EXCEL_HWND", ""
    SetEnv "ITA_EXCEL_BITS", ""
    SetEnv "ITA_PYTHONPATH", ""
End Sub

' One message box through the Unicode API, so Thai is readable whatever the system locale.
Private Sub Alert(ByVal text As String, ByVal arg As String)
    Dim body As String, title As String
    body = Replace(text, "{0}", arg)
    title = "ITA Toolkit"
    MessageBoxW Application.Hwnd, StrPtr(body), StrPtr(title), MB_ICONWARNING Or MB_SETFOREGROUND
End Sub

' Text from UTF-16 code units in hex ("0E2D0E30" -> two Thai letters).
Private Function U(ByVal hexUnits As String) As String
    Dim i As Long
    For i = 1 To Len(hexUnits) Step 4
        U = U & ChrW(CLng("&H" & Mid$(hexUnits, i, 4)))
    Next
End Function

'@MESSAGES@
