#!/usr/bin/env bash
# The system packages the tests need, checked (and installed when we may) before `npm test`
# (the `pretest` script) and by .ci/run:
#   chromium          the end-to-end, CSP and workbench tests (Debian's browser, never a download);
#   libreoffice-calc  the annex's PDF (barometro stampa --pdf, the print tests);
#   poppler-utils     pdftotext / pdftoppm, which read that PDF back;
#   python3-openpyxl  openpyxl, a writer other than ours: the lossless tests of the file access
#                     build workbooks with it and reopen what Barometro wrote.
# With --con-libsecret also libsecret-1-dev, which keytar (pulled in by office-addin-debugging, the
# sideloading tool) needs to compile: .ci/run asks for it before `npm ci`.
#
# Everything present: exit 0 at once, no apt call. Something missing: as root apt-get installs it;
# with passwordless sudo, sudo apt-get does; otherwise the script stops at once (exit 1) printing
# the one command to type. CHROMIUM_PATH / BAROMETRO_SOFFICE naming an existing executable count
# as chromium / libreoffice-calc. Without dpkg/apt-get (not Debian) it says what to install.
set -euo pipefail

pacchetti=(chromium libreoffice-calc poppler-utils python3-openpyxl)
for argomento in "$@"; do
  case "$argomento" in
    --con-libsecret) pacchetti=(libsecret-1-dev "${pacchetti[@]}") ;;
    *)
      echo "prerequisiti-sistema.sh: argomento sconosciuto «$argomento» (ammesso: --con-libsecret)" >&2
      exit 2
      ;;
  esac
done

# An executable named by path or by command name.
eseguibile() { [ -n "$1" ] && command -v "$1" >/dev/null 2>&1; }

# A package the user replaced by an executable of their own (the tests read these variables).
indicato_altrove() {
  case "$1" in
    chromium) eseguibile "${CHROMIUM_PATH:-}" ;;
    libreoffice-calc) eseguibile "${BAROMETRO_SOFFICE:-}" ;;
    *) return 1 ;;
  esac
}

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  # Not Debian: look for the programs themselves.
  mancanti=()
  # Where the tests and the CLI look: CHROMIUM_PATH, else /usr/bin/chromium; BAROMETRO_SOFFICE,
  # else soffice or libreoffice on PATH.
  for p in "${pacchetti[@]}"; do
    case "$p" in
      chromium) eseguibile "${CHROMIUM_PATH:-/usr/bin/chromium}" ||
        mancanti+=("Chromium (o il suo percorso in CHROMIUM_PATH)") ;;
      libreoffice-calc)
        if [ -n "${BAROMETRO_SOFFICE:-}" ]; then eseguibile "$BAROMETRO_SOFFICE"; else eseguibile soffice || eseguibile libreoffice; fi ||
          mancanti+=("LibreOffice Calc, il comando soffice (o il suo percorso in BAROMETRO_SOFFICE)") ;;
      poppler-utils) { eseguibile pdftotext && eseguibile pdftoppm; } ||
        mancanti+=("poppler, i comandi pdftotext e pdftoppm") ;;
      python3-openpyxl) { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import openpyxl" 2>/dev/null; } ||
        mancanti+=("openpyxl per /usr/bin/python3") ;;
      libsecret-1-dev) { eseguibile pkg-config && pkg-config --exists libsecret-1; } ||
        mancanti+=("libsecret con i file di sviluppo (per keytar)") ;;
    esac
  done
  [ "${#mancanti[@]}" -eq 0 ] && exit 0
  {
    echo "Questo sistema non ha dpkg/apt-get (non è Debian/Ubuntu): i prerequisiti dei test non si possono installare da qui."
    echo "Installare con il gestore di pacchetti del sistema:"
    for m in "${mancanti[@]}"; do echo "  - $m"; done
    echo "poi rilanciare il comando."
  } >&2
  exit 1
fi

installato() {
  local stato
  stato=$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null) || return 1
  # "ii " (or "hi " when on hold): the second letter is the package's state, i = installed.
  [[ "$stato" == ?i* ]]
}

mancanti=()
for p in "${pacchetti[@]}"; do
  indicato_altrove "$p" || installato "$p" || mancanti+=("$p")
done
[ "${#mancanti[@]}" -eq 0 ] && exit 0

export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" = 0 ]; then
  echo "Installo i pacchetti di sistema che mancano ai test: ${mancanti[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${mancanti[@]}"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "Installo con sudo i pacchetti di sistema che mancano ai test: ${mancanti[*]}"
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${mancanti[@]}"
else
  {
    echo "Mancano i pacchetti di sistema che servono ai test: ${mancanti[*]}."
    echo "Installarli con:"
    echo ""
    echo "  sudo apt-get install -y ${mancanti[*]}"
    echo ""
    echo "poi rilanciare il comando. (Chromium o LibreOffice altrove: indicarne il percorso in CHROMIUM_PATH o BAROMETRO_SOFFICE.)"
  } >&2
  exit 1
fi
