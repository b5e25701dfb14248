using Facturo.Cli;

return await FacturoCli.Build().Parse(args).InvokeAsync();
