using System.Text;
using Facturo.Accounts;
using Facturo.Infrastructure;

namespace Facturo.Admin;

/// <summary>Import files as old systems write them: encodings, separators, quoting and the line numbers a person finds again in the file.</summary>
public class AccountsCsvTests
{
    private const string Header = "customer_number,legal_name,address_line1,city,region,postal_code,language,billing_email";

    [Fact]
    public void A_file_written_by_hand_as_french_excel_saves_it_reads_with_its_accents_quotes_and_line_numbers()
    {
        var file = File.ReadAllBytes(Path.Combine(RepositoryFolders.Root, "tests", "Facturo.Tests", "Admin", "Samples", "customers-excel-fr-windows-1252.csv"));

        var read = AccountsCsv.Read(file);

        Assert.Empty(read.Problems);
        Assert.Equal([2, 4], read.Lines.Select(l => l.Line));
        Assert.Equal("Boulangerie Côté & Fils;\r\nsuccursale Est", read.Lines[0].Form.LegalName);
        Assert.Equal("1234, rue Sainte-Catherine Est", read.Lines[0].Form.AddressLine1);
        Assert.Equal(("Éditions \"Le Phare\" ltée", "Québec", "Petite entreprise", "Papier"),
            (read.Lines[1].Form.LegalName, read.Lines[1].Form.City, read.Lines[1].Form.Program, read.Lines[1].Form.Delivery));
        Assert.Equal("Numéro client", read.ColumnOf(AccountField.CustomerNumber));
    }

    [Fact]
    public void Utf8_with_or_without_a_byte_order_mark_reads_the_same()
    {
        var text = $"{Header}\n1000801,Société Ürsa inc.,1 Main Street,Montréal,QC,H2X 1Y4,fr,a@b.example\n";
        var withMark = AccountsCsv.Read([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        var without = AccountsCsv.Read(Encoding.UTF8.GetBytes(text));

        Assert.Equal("Société Ürsa inc.", withMark.Lines.Single().Form.LegalName);
        Assert.Equal(withMark.Lines.Single(), without.Lines.Single());
        Assert.Equal("customer_number", withMark.ColumnOf(AccountField.CustomerNumber));
    }

    [Fact]
    public void Unknown_repeated_and_missing_columns_are_each_reported_on_the_header_line()
    {
        var read = AccountsCsv.Read(Encoding.UTF8.GetBytes("customer_number;legal_name;fax;legal_name;city\n1000801;A;B;C;D\n"));

        Assert.Empty(read.Lines);
        Assert.Equal(
        [
            (1, "fax", "import.column-unknown"), (1, "legal_name", "import.column-twice"), (1, "address_line1", "import.column-missing"),
            (1, "region", "import.column-missing"), (1, "postal_code", "import.column-missing"), (1, "language", "import.column-missing"),
            (1, "billing_email", "import.column-missing"),
        ], read.Problems.Select(p => (p.Line, p.Column, p.Error.Code)));
    }

    [Fact]
    public void A_line_with_too_few_fields_is_reported_and_blank_lines_are_skipped()
    {
        var read = AccountsCsv.Read(Encoding.UTF8.GetBytes($"{Header}\r\n\r\n1000801,A,1 Main,Ottawa,ON,K1A 0B1,en\r\n1000802,B,1 Main,Ottawa,ON,K1A 0B1,en,b@b.example\r\n"));

        Assert.Equal([(3, "import.field-count")], read.Problems.Select(p => (p.Line, p.Error.Code)));
        Assert.Equal([4], read.Lines.Select(l => l.Line));
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        Assert.Equal(["import.empty"], AccountsCsv.Read([]).Problems.Select(p => p.Error.Code));
        Assert.Equal(["import.empty"], AccountsCsv.Read(Encoding.UTF8.GetBytes(Header + "\n")).Problems.Select(p => p.Error.Code));
    }
}
