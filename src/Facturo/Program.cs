using Facturo.Cli;

var parse = FacturoCli.Build().Parse(args);
var unknown = HostSettingArguments.Sort(parse.UnmatchedTokens).Unknown;
if (parse.Errors.Count > 0 || unknown.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }
    foreach (var token in unknown)
    {
        Console.Error.WriteLine($"Unrecognized command or argument '{token}'.");
    }
    Console.Error.WriteLine("Add --help for the usage.");
    return FacturoCli.CommandLineError;
}
return await parse.InvokeAsync();
