#!/usr/bin/env python3
"""Writes N customer accounts in the columns of docs/customer-import.md to standard output (UTF-8, comma, CRLF)."""
import sys

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
provinces = [("ON", "K1A 0B1", "Ottawa"), ("QC", "H2X 1Y4", "Montréal"), ("BC", "V6B 1A1", "Vancouver"), ("NS", "B3H 1A1", "Halifax"), ("AB", "T2P 1J9", "Calgary")]
out = sys.stdout
out.write("customer_number,legal_name,address_line1,address_line2,city,country,region,postal_code,program,credit_terms_days,currency,language,billing_email,delivery\r\n")
for n in range(rows):
    region, postal, city = provinces[n % len(provinces)]
    program = "SmallBusiness" if n % 7 == 0 else "Commercial"
    terms = 0 if program == "SmallBusiness" else (15 if n % 3 == 0 else 30)
    language = "fr" if region == "QC" or n % 4 == 0 else "en"
    delivery = "Paper" if n % 10 == 0 else "Electronic"
    out.write(f'12{n:08d},"Client {n}, inc.",{n % 9000 + 1} Main Street,,{city},CA,{region},{postal},{program},{terms},CAD,{language},billing+{n}@import.example,{delivery}\r\n')
