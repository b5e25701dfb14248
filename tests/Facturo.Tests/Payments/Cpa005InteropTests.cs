using System.Diagnostics;
using System.Text.Json;
using Facturo.Infrastructure;

namespace Facturo.Payments;

/// <summary>Facturo's CPA-005 files against @cityssm/eft-generator, an implementation nobody on this team wrote.</summary>
public class Cpa005InteropTests
{
    private static readonly Cpa005Originator Originator = new("0123456789", "FACTURO POST", "Postes Facturo / Facturo Post", "00310", "CAD", "815", "30800", "100200300");
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly Cpa005Debit[] Debits =
    [
        new(718, 11_300, Today.AddDays(1), "815", "30800", "123456789", "Client Payer Inc.", "P000000001"),
        new(718, 5_000, Today.AddDays(1), "003", "00011", "000987654321", "Œuvres Zoë & Fils — Montréal", "P000012347"),
        new(718, 99_999_999_99, Today.AddDays(1), "001", "12345", "7654321", "A name longer than thirty characters, cut", "P001000000"),
        new(718, 1, Today.AddDays(2), "010", "55555", "1234567", "株式会社ヤマト", "P1234567890"),
        new(718, 250_075, Today.AddDays(2), "006", "10001", "55566677", "Imprimerie Laurentienne", "P000000005"),
        new(718, 42, Today.AddDays(2), "004", "20002", "11223344", "Prairie Parcel Co", "P000000006"),
        new(718, 7_777, Today.AddDays(3), "002", "30003", "99887766", "Seventh", "P000000007"),
    ];

    [Fact]
    public async Task With_one_debit_per_record_the_file_is_byte_for_byte_the_one_eft_generator_writes()
    {
        var ours = Cpa005.Write(Originator, 42, Today, Debits, segmentsPerRecord: 1);

        var theirs = await EftGeneratorAsync(Debits.Select(d => new[] { d }));

        Assert.Equal(theirs, ours);
    }

    [Fact]
    public async Task With_six_debits_per_record_every_record_but_the_trailer_s_count_matches_eft_generator()
    {
        var ours = Records(Cpa005.Write(Originator, 42, Today, Debits));

        var theirs = Records(await EftGeneratorAsync(Debits.Chunk(6)));

        Assert.Equal(4, ours.Length);
        Assert.All(ours, record => Assert.Equal(Cpa005.RecordLength, record.Length));
        Assert.Equal(theirs[..^1], ours[..^1]);
        // eft-generator counts D records in the trailer; Standard 005 counts debit transactions (segments): 7, not 2.
        Assert.Equal(theirs[^1][..24] + theirs[^1][24..38], ours[^1][..38]);
        Assert.Equal(("00000007", "00000002"), (ours[^1][38..46], theirs[^1][38..46]));
        Assert.Equal(theirs[^1][46..], ours[^1][46..]);
    }

    /// <summary>The records of a file, each ended by CR LF.</summary>
    private static string[] Records(string file)
    {
        Assert.EndsWith("\r\n", file, StringComparison.Ordinal);
        return file[..^2].Split("\r\n");
    }

    /// <summary>eft-generator is given the names as Facturo writes them (bank-safe capitals) and checks the layout around them.</summary>
    private static async Task<string> EftGeneratorAsync(IEnumerable<Cpa005Debit[]> transactions)
    {
        var input = JsonSerializer.Serialize(new
        {
            config = new
            {
                originatorId = Originator.OriginatorId,
                originatorShortName = BankFileName.From(Originator.ShortName, 15).TrimEnd(),
                originatorLongName = BankFileName.From(Originator.LongName, 30).TrimEnd(),
                fileCreationNumber = "0042",
                fileCreationDate = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                destinationDataCentre = Originator.DataCentre,
                destinationCurrency = Originator.Currency,
                returnInstitutionNumber = Originator.ReturnInstitution,
                returnTransitNumber = Originator.ReturnTransit,
                returnAccountNumber = Originator.ReturnAccount,
            },
            transactions = transactions.Select(t => t.Select(d => new
            {
                cpaCode = d.TransactionCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                amount = d.AmountCents / 100m,
                paymentDate = d.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                bankInstitutionNumber = d.Institution,
                bankTransitNumber = d.Transit,
                bankAccountNumber = d.AccountNumber,
                payeeName = BankFileName.From(d.PayorName, 30).TrimEnd(),
                crossReferenceNumber = d.CrossReference,
            })),
        });
        return await NodeAsync("cpa005.mjs", input);
    }

    internal static async Task<string> NodeAsync(string script, string input)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(RepositoryFolders.Interop, script)])
        {
            WorkingDirectory = RepositoryFolders.Interop,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync(input);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"node {script} failed (did test.sh run npm ci in tests/interop?): {await errors}");
        return await output;
    }
}
