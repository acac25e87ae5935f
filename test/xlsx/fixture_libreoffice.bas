REM Run headless by the lossless tests (test/xlsx/lossless.test.ts) from a throwaway LibreOffice
REM profile: opens the openpyxl workbook and adds, through LibreOffice's own API, what only it can
REM write here — a pivot table (DataPilot) with its pivot cache, a formula into another workbook
REM (an external link part), rich text in a title cell of the line sheet — then saves it as .xlsx.
Sub Prepara(sorgente As String, esterno As String, destinazione As String)
  Dim apri(0) As New com.sun.star.beans.PropertyValue
  apri(0).Name = "Hidden" : apri(0).Value = True
  doc = StarDesktop.loadComponentFromURL(sorgente, "_blank", 0, apri())
  dati = doc.Sheets.getByName("Dati utente")
  indice = dati.RangeAddress.Sheet

  Dim area As New com.sun.star.table.CellRangeAddress
  area.Sheet = indice : area.StartColumn = 0 : area.StartRow = 0 : area.EndColumn = 1 : area.EndRow = 7
  tabelle = dati.getDataPilotTables()
  descrittore = tabelle.createDataPilotDescriptor()
  descrittore.setSourceRange(area)
  campi = descrittore.getDataPilotFields()
  campi.getByIndex(0).Orientation = com.sun.star.sheet.DataPilotFieldOrientation.ROW
  valore = campi.getByIndex(1)
  valore.Orientation = com.sun.star.sheet.DataPilotFieldOrientation.DATA
  valore.Function = com.sun.star.sheet.GeneralFunction.SUM
  Dim dove As New com.sun.star.table.CellAddress
  dove.Sheet = indice : dove.Column = 10 : dove.Row = 1
  tabelle.insertNewByName("PivotUtente", dove, descrittore)

  dati.getCellRangeByName("D3").Formula = "='" & esterno & "'#$Foglio1.A1"

  titolo = doc.Sheets.getByIndex(0).getCellRangeByName("A1")
  testo = titolo.String
  cursore = titolo.createTextCursor()
  cursore.gotoStart(False)
  cursore.goRight(9, True)
  cursore.CharWeight = com.sun.star.awt.FontWeight.BOLD
  cursore.collapseToEnd()
  cursore.gotoEnd(True)
  cursore.CharPosture = com.sun.star.awt.FontSlant.ITALIC
  cursore.CharColor = RGB(192, 0, 0)

  Dim salva(0) As New com.sun.star.beans.PropertyValue
  salva(0).Name = "FilterName" : salva(0).Value = "Calc MS Excel 2007 XML"
  doc.storeToURL(destinazione, salva())
  doc.close(True)
End Sub
