using System.Globalization;
using BenchmarkDotNet.Running;
using Facturo.Bench;

// dotnet run -c Release --project bench/Facturo.Bench -- --quick [skia|pdfpig|pdfpig-fullfont] [invoices] [lines]
// dotnet run -c Release --project bench/Facturo.Bench -- --bank-files [debits]
// dotnet run -c Release --project bench/Facturo.Bench -- --cpa005-returns SENT_FILE COUNT REASON OUTPUT [SKIP]   (plays the bank, for bench/debit-batch.sh)
// dotnet run -c Release --project bench/Facturo.Bench -- --filter '*'      (BenchmarkDotNet)
if (args.Length is 5 or 6 && args[0] == "--cpa005-returns")
{
    Cpa005ReturnsFile.Write(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4], args.Length == 6 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0);
    return;
}
if (args.Length > 0 && args[0] == "--bank-files")
{
    BankFileRun.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
    return;
}
if (args.Length > 0 && args[0] == "--quick")
{
    var engines = args.Length > 1 ? [args[1]] : new[] { "skia", "pdfpig-fullfont" };
    var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2_000;
    var lines = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
    foreach (var engine in engines)
    {
        QuickRun.Run(engine, count, lines);
    }
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(InvoicePdfBenchmarks).Assembly).Run(args);
