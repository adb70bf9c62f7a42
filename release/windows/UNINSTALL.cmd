@echo off
rem ITA Toolkit: uninstall for this Windows user - no administrator rights, no network.
rem All decisions are made by setup\ita_setup.py (xladdin/winsetup.py in the source); this file only finds a
rem Python to run it with. Keep it ASCII. "%~dp0." (not "%~dp0"): a quoted path ending in a backslash would
rem escape its closing quote.
setlocal EnableExtensions DisableDelayedExpansion
set "PYEXE="
set "PYARGS="
where py >nul 2>nul && (set "PYEXE=py" & set "PYARGS=-3")
if defined PYEXE goto run
for /d %%d in ("%LOCALAPPDATA%\Programs\Python\Python3*" "%ProgramFiles%\Python3*") do (
    if exist "%%~d\python.exe" set "PYEXE=%%~d\python.exe"
)
if defined PYEXE goto run
echo ITA Toolkit: no Python from python.org was found on this PC.
echo Install Python 3.12 (64-bit) from https://www.python.org/downloads/windows/ - see README-TH.html.
start "" "%~dp0README-TH.html"
pause
exit /b 1
:run
echo ITA Toolkit: removing...
"%PYEXE%" %PYARGS% -I -X utf8 "%~dp0setup\ita_setup.py" uninstall %*
set "CODE=%errorlevel%"
if not "%CODE%"=="0" pause
exit /b %CODE%
