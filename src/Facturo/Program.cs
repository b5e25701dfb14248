using Facturo.Cli;

var parse = FacturoCli.Build().Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }
    Console.Error.WriteLine("Add --help for the usage.");
    return FacturoCli.CommandLineError;
}
return await parse.InvokeAsync();
