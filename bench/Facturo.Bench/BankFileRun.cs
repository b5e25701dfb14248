using System.Diagnostics;
using System.Globalization;
using Facturo.Payments;

namespace Facturo.Bench;

/// <summary>Writes one CPA-005 and one NACHA file of N debits and reports time, size and allocation (the writers alone, no database).</summary>
internal static class BankFileRun
{
    public static void Run(int count)
    {
        var today = new DateOnly(2026, 11, 23);
        var cpa = Enumerable.Range(1, count).Select(i => new Cpa005Debit(718, 1_000 + i % 50_000, today, "815", "30800",
            (1_000_000 + i).ToString(CultureInfo.InvariantCulture), $"Customer {i}", $"P{i:D9}")).ToList();
        var nacha = Enumerable.Range(1, count).Select(i => new NachaDebit("021000021", (1_000_000 + i).ToString(CultureInfo.InvariantCulture),
            1_000 + i % 50_000, $"P{i:D9}", $"Customer {i}")).ToList();
        var originator = new Cpa005Originator("0123456789", "FACTURO POST", "Postes Facturo / Facturo Post", "00310", "CAD", "815", "30800", "100200300");
        var us = new NachaOriginator("011000015", "FEDERAL RESERVE BANK", "011000015", "FACTURO POST", "FACTURO POST", "1234567890", "INVOICES", "011000015");

        Time("CPA-005", count, () => Cpa005.Write(originator, 1, today, cpa));
        Time("NACHA", count, () => Nacha.Write(us, new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero), 'A', "B0000001", today.AddDays(1), 1, nacha));
    }

    private static void Time(string format, int count, Func<string> write)
    {
        write();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var file = write();
        clock.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Console.WriteLine($"{format}: {count:N0} debits in {clock.Elapsed.TotalMilliseconds:N0} ms ({count / clock.Elapsed.TotalSeconds:N0} debits/s), {file.Length / 1_048_576.0:N1} MB, {allocated / 1_048_576.0:N0} MB allocated");
    }
}
