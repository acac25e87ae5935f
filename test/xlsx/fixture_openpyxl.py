"""Builds, at test time, workbooks written by openpyxl from the bundled sample: a cell comment (the
case ExcelJS refuses, exceljs#2797), a bar chart, a picture, data validation, a defined name,
hyperlinks (to a web page and to a cell), a user's conditional-format rule, a second sheet with a
table (ListObject) and a name scoped to that sheet.

usage: python3 fixture_openpyxl.py SAMPLE OUT_DIR
"""
import io
import sys

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo

sample, out = sys.argv[1], sys.argv[2]

wb = openpyxl.load_workbook(sample)
ws = wb.worksheets[0]
ws["A2"].comment = Comment("Nota dell'utente: da non perdere", "Ufficio controllo")
ws["B3"].hyperlink = "https://www.comune.cremona.it/"
ws["B5"].hyperlink = Hyperlink(ref="B5", location="'Dati utente'!A1", display="Dati utente")
dv = DataValidation(type="list", formula1='"Sì,No"', allow_blank=True)
ws.add_data_validation(dv)
dv.add("P10:P40")
ws.conditional_formatting.add(
    "H10:H20", CellIsRule(operator="greaterThan", formula=["1000"], fill=PatternFill("solid", bgColor="FFC7CE"))
)

dati = wb.create_sheet("Dati utente")
dati.append(["Voce", "Valore"])
for i in range(1, 8):
    dati.append([f"Voce {i}", i * 10])
dati["D1"] = "=SUM(B2:B8)"
tabella = Table(displayName="TabellaUtente", ref="A1:B8")
tabella.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
dati.add_table(tabella)
chart = BarChart()
chart.title = "Grafico dell'utente"
chart.add_data(Reference(dati, min_col=2, min_row=1, max_row=8), titles_from_data=True)
chart.set_categories(Reference(dati, min_col=1, min_row=2, max_row=8))
dati.add_chart(chart, "F2")
try:
    from PIL import Image as PILImage

    png = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(png, format="PNG")
    png.seek(0)
    dati.add_image(Image(png), "F20")
except ImportError:
    pass
wb.defined_names.append(DefinedName("TotaleUtente", attr_text="'Dati utente'!$D$1"))
# Scoped to «Dati utente» (the second sheet): its localSheetId must follow it when Indice goes first.
wb.defined_names.append(DefinedName("SoloDati", localSheetId=1, attr_text="'Dati utente'!$B$2:$B$8"))
wb.save(f"{out}/openpyxl.xlsx")
