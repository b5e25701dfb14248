using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Facturo.Api;

/// <summary>
/// The OpenAPI document of /api/v1, right by construction: every endpoint mapped in the group gets, from its metadata, an
/// operation id, a summary, a tag, the key's security requirement and every problem it can answer (as RFC 9457 with a
/// <c>code</c>), so an endpoint added later is described like the others without a line of its own. Amounts are
/// strings with their pattern, decimals are never "double", and the limits the validation enforces are shown.
/// </summary>
public static class ApiDocument
{
    public const string DocumentPath = "/api/v1/openapi.json";
    public const string ReferencePath = "/api/v1/docs";
    private const string ApiPrefix = "/api/v1";
    private const string SecuritySchemeName = "ApiKey";
    private const string ProblemSchemaName = "Problem";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        // Portal pages and /health are not part of the integrators' contract.
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
        options.AddSchemaTransformer(DescribeSchemaAsync);
        options.AddOperationTransformer(DescribeOperationAsync);
        options.AddDocumentTransformer(DescribeDocumentAsync);
    });

    /// <summary>The document, and a reference page reading it that works offline: Swagger UI's files are served from the app itself.</summary>
    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = ReferencePath.TrimStart('/');
            options.SwaggerEndpoint(DocumentPath, "Facturo API v1");
            options.DocumentTitle = "Facturo API";
        });
        return app;
    }

    private static Task DescribeSchemaAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.JsonTypeInfo.Type;
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (type == typeof(ApiAmount))
        {
            // One component for ApiAmount and ApiAmount?: a nullable property wraps it with "null" itself.
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Pattern = ApiAmount.Pattern;
            schema.MaxLength = 17;
            schema.Examples = [JsonValue.Create("1234.56")];
            schema.Description ??= "An amount in the currency of the object that holds it: a string of the exact cents (\"1234.56\"), never a JSON number.";
        }
        else if (type == typeof(DateOnly))
        {
            schema.MaxLength = "YYYY-MM-DD".Length;
        }
        else if (type == typeof(decimal))
        {
            // Read and written exactly; "double" would tell client generators to parse it as binary floating point.
            schema.Format = "decimal";
            schema.Pattern = null;
        }
        if (schema.Type is { } integer && integer.HasFlag(JsonSchemaType.Integer) && schema.Minimum is null && schema.Maximum is null)
        {
            // Where no tighter range is declared, the range of the .NET type is the truth.
            (schema.Minimum, schema.Maximum) = type == typeof(long)
                ? (long.MinValue.ToString(CultureInfo.InvariantCulture), long.MaxValue.ToString(CultureInfo.InvariantCulture))
                : (int.MinValue.ToString(CultureInfo.InvariantCulture), int.MaxValue.ToString(CultureInfo.InvariantCulture));
        }
        if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(MaxLengthAttribute), inherit: false) is [MaxLengthAttribute maximum, ..] && schema.Type is { } limited)
        {
            if (limited.HasFlag(JsonSchemaType.Array))
            {
                schema.MaxItems ??= maximum.Length;
            }
            if (context.JsonPropertyInfo.AttributeProvider.GetCustomAttributes(typeof(ItemMaxLengthAttribute), inherit: false) is [ItemMaxLengthAttribute item, ..] && schema.Items is OpenApiSchema items)
            {
                items.MaxLength ??= item.Length;
            }
            else if (limited.HasFlag(JsonSchemaType.String))
            {
                schema.MaxLength ??= maximum.Length;
            }
        }
        return Task.CompletedTask;
    }

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var document = context.Document;
        var route = (description.RelativePath ?? "").Split('?')[0]["api/v1/".Length..];
        var method = description.HttpMethod ?? "GET";
        operation.OperationId ??= OperationIdOf(method, route);
        operation.Summary ??= Sentence(operation.OperationId);
        operation.Tags = new HashSet<OpenApiTagReference> { new(TagOf(route), document) };
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [] }];
        operation.Responses ??= [];

        var metadata = description.ActionDescriptor.EndpointMetadata;
        var writes = method is "POST" or "PUT" or "PATCH" or "DELETE";
        var hasBody = description.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body);
        var errors = new List<(int Status, string Description, string Code)>
        {
            (400, "The request cannot be read: malformed JSON, a field of the wrong type or out of range, a parameter not allowed", "request.invalid-field"),
            (401, "No valid API key in the X-Api-Key header", "api.key-missing"),
        };
        if (metadata.OfType<RequiredApiScope>().Any())
        {
            errors.Add((403, "The key lacks the scope this operation needs", "api.scope-missing"));
        }
        if (route.Contains('{', StringComparison.Ordinal) || hasBody)
        {
            errors.Add((404, "Not found, or not reachable with this key (another account's)", "account.not-found"));
        }
        if (writes)
        {
            errors.Add((409, "A request with the same Idempotency-Key is still in progress", "idempotency.in-progress"));
        }
        if (hasBody)
        {
            errors.Add((415, "The body is not sent as application/json", "request.unsupported-media-type"));
        }
        if (writes)
        {
            errors.Add((422, "The request is understood but refused; the code says why and nothing was recorded", "order.line-missing-price"));
        }
        errors.Add((429, "Too many requests for this key: wait the seconds in Retry-After", "api.rate-limited"));
        errors.Add((500, "A failure on Facturo's side, logged; the answer carries no details", "request.failed"));
        foreach (var (status, text, code) in errors)
        {
            operation.Responses.TryAdd(status.ToString(CultureInfo.InvariantCulture), ProblemResponse(status, text, code, document));
        }
        return Task.CompletedTask;
    }

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Facturo API",
            Version = "v1",
            Description = "Orders, accounts, invoices, credit notes, payments and events of one Facturo biller. Every call carries an API key in X-Api-Key; " +
                "amounts are strings of exact cents with the currency of the object beside them; every error is an RFC 9457 problem with a stable `code`, " +
                "its title in the caller's language (Accept-Language fr or en). Conventions: docs/api.md.",
            Contact = new OpenApiContact { Name = "Facturo support", Email = "support@facturo.example", Url = new Uri("https://facturo.example/support") },
            License = new OpenApiLicense { Name = "Facturo terms of use", Url = new Uri("https://facturo.example/terms") },
        };
        var environment = context.ApplicationServices.GetRequiredService<IHostEnvironment>();
        // Relative to the host that served the document, which is the one the integrator is talking to.
        document.Servers =
        [
            new OpenApiServer
            {
                Url = ApiPrefix,
                Description = $"This Facturo installation ({(environment.IsDevelopment() ? "local development" : environment.EnvironmentName.ToLowerInvariant())})",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) },
            },
        ];
        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            paths.Add(path.StartsWith(ApiPrefix + "/", StringComparison.Ordinal) ? path[ApiPrefix.Length..] : path, item);
        }
        document.Paths = paths;

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchemaName] = ProblemSchema();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "A key issued in the back office (Settings › API keys), shown once. Its scopes (read, orders, billing, payments) say what it may do; it may be limited to some accounts.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [] }];
        var tags = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Reference.Id).OfType<string>().Distinct().Order();
        document.Tags = new HashSet<OpenApiTag>(tags.Select(name => new OpenApiTag { Name = name, Description = TagDescriptions.GetValueOrDefault(name, $"{name}: the operations under /{name.ToLowerInvariant().Replace(' ', '-')}.") }));
        return Task.CompletedTask;
    }

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "Customer accounts: their program, delivery, language, balance and open invoices.",
        ["Orders"] = "Orders from the channels: on account they become charges on the next invoice, paid at creation they are settled at once.",
        ["Invoices"] = "Finalised invoices, their lines and taxes; corrections are credit notes.",
        ["Credit notes"] = "Credits of part or all of an invoice, with the share of the taxes each line bore.",
        ["Payments"] = "Payments received or debited, and how they were applied.",
        ["Events"] = "What happened, in order, for integrations to follow with a cursor.",
    };

    private static OpenApiResponse ProblemResponse(int status, string description, string code, OpenApiDocument? document) => new OpenApiResponse
    {
        Description = description,
        Headers = status == StatusCodes.Status429TooManyRequests
            ? new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before calling again",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "86400" },
                },
            }
            : null,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new()
            {
                Schema = new OpenApiSchemaReference(ProblemSchemaName, document),
                Example = new JsonObject
                {
                    ["type"] = $"https://facturo.example/problems/{code}",
                    ["title"] = description + ".",
                    ["status"] = status,
                    ["code"] = code,
                    ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                },
            },
        },
    };

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem. `code` is stable and what a program should test; `title` is for people, in the caller's language (Accept-Language).",
        Required = new HashSet<string> { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", MaxLength = 200 },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2000 },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2000 },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2000 },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100, Pattern = "^[a-z]+(\\.[a-z0-9-]+)+$", Examples = [JsonValue.Create("order.line-missing-price")] },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100, Description = "Give it to support: it finds the call in the logs." },
        },
    };

    /// <summary>"orders" → Orders, "credit-notes" → Credit notes: the first segment after /api/v1 names the resource.</summary>
    private static string TagOf(string route)
    {
        var words = route.Split('/')[0].Replace('-', ' ');
        return words.Length == 0 ? "API" : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>For an endpoint without a name: "POST invoices/{number}/credit-notes" → postInvoicesNumberCreditNotes.</summary>
    private static string OperationIdOf(string method, string route) =>
        method.ToLowerInvariant() + string.Concat(route.Split(['/', '-', '{', '}'], StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>"PlaceOrder" → "Place order".</summary>
    private static string Sentence(string operationId) =>
        string.Concat(operationId.Select((c, i) => i == 0 ? char.ToUpperInvariant(c).ToString() : char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}

/// <summary>The longest string a list of identifiers in a request may hold: longer ones name nothing and are refused as unknown.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemMaxLengthAttribute(int length) : Attribute
{
    public int Length { get; } = length;
}
