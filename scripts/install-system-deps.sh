#!/usr/bin/env bash
# Debian packages the toolkit needs: LibreOffice (recalculation, PDF), poppler (PDF checks), fontconfig.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc libreoffice-writer)
command -v pdffonts >/dev/null 2>&1 || need+=(poppler-utils)
command -v fc-list  >/dev/null 2>&1 || need+=(fontconfig)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "ต้องติดตั้งแพ็กเกจระบบ: ${need[*]} (ใช้ sudo apt-get install ${need[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${need[@]}"
