using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Facturo.Platform;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace Facturo.Api;

/// <summary>
/// Every error of /api/v1 is a problem with a stable <c>code</c>, in the caller's language, in every environment — also
/// the ones ASP.NET raises before an endpoint runs: a body it cannot read (malformed JSON, a wrong type, a number out of
/// range, no body, not JSON), an unknown address, a method the address does not take, and a failure of ours (500,
/// without details). Bodies ASP.NET cannot bind are thrown in every environment, so one handler turns them into problems.
/// </summary>
public static partial class ApiErrors
{
    public static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        // By default only Development throws; elsewhere ASP.NET answers a bare 400 that names nothing.
        services.PostConfigure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<ExceptionHandlerOptions>(options => options.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Quantities are JSON numbers: "1.5" as a string is refused rather than read.
        services.Configure<JsonOptions>(options => options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        return services;
    }

    /// <summary>Status code pages as before, except under /api/v1, where an empty 4xx or 5xx becomes a problem with a code.</summary>
    public static IApplicationBuilder UseStatusCodePagesWithApiProblems(this IApplicationBuilder app)
    {
        var pages = new StatusCodePagesOptions().HandleAsync;
        return app.UseStatusCodePages(new StatusCodePagesOptions
        {
            HandleAsync = context => IsApi(context.HttpContext) ? ApiProblems.From(ForStatus(context.HttpContext), context.HttpContext).ExecuteAsync(context.HttpContext) : pages(context),
        });
    }

    private static UserError ForStatus(HttpContext http)
    {
        var status = http.Response.StatusCode;
        return status switch
        {
            StatusCodes.Status404NotFound => UserError.NotFound("request.not-found", http.Request.Path.Value ?? ""),
            StatusCodes.Status405MethodNotAllowed => new UserError("request.method-not-allowed", status, http.Request.Method, http.Request.Path.Value ?? ""),
            StatusCodes.Status415UnsupportedMediaType => new UserError("request.unsupported-media-type", status),
            >= 500 => new UserError("request.failed", status),
            _ => new UserError("request.invalid", status),
        };
    }

    /// <summary>What ASP.NET could not bind, as the user error that names the field and what it expected.</summary>
    public static UserError ForBadRequest(BadHttpRequestException bad, HttpContext http)
    {
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return new UserError("request.unsupported-media-type", bad.StatusCode);
        }
        if (bad.InnerException is JsonException json)
        {
            var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : json.Path ?? "$";
            if (json.Message.StartsWith(ApiAmountJsonConverter.Refusal, StringComparison.Ordinal))
            {
                return new UserError("request.amount-expected", bad.StatusCode, field);
            }
            if (json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            {
                // The exception handler has cleared the request's endpoint; its feature kept the one that threw.
                var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
                var body = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
                return new UserError("request.invalid-field", bad.StatusCode, field, Expected(TypeAt(body, json.Path ?? "$")));
            }
            return new UserError("request.malformed-json", bad.StatusCode, (json.LineNumber ?? 0) + 1, (json.BytePositionInLine ?? 0) + 1);
        }
        if (UnboundParameter().Match(bad.Message) is { Success: true } parameter)
        {
            return new UserError("request.invalid-parameter", bad.StatusCode, parameter.Groups["name"].Value);
        }
        if (http.Request.ContentLength is null or 0 && http.Request.Headers.TransferEncoding.Count == 0)
        {
            return new UserError("request.missing-body", bad.StatusCode);
        }
        return new UserError("request.invalid", bad.StatusCode);
    }

    /// <summary>
    /// The .NET type at a JSON path ("$.lines[0].quantity") of the endpoint's body: System.Text.Json names the record it was
    /// building, not the field's type, and the caller is to be told the JSON the field takes.
    /// </summary>
    private static Type? TypeAt(Type? body, string path)
    {
        var type = body;
        foreach (Match step in PathSteps().Matches(path))
        {
            type = type is null ? null
                : step.Groups["index"].Success ? ElementOf(type)
                : type.GetProperty(step.Groups["name"].Value, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
        }
        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }

    private static Type? ElementOf(Type list) =>
        list.IsArray ? list.GetElementType() : list.GetInterfaces().Append(list).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static Bilingual Expected(Type? type) => type switch
    {
        _ when type == typeof(decimal) || type == typeof(double) => new("un nombre JSON dans les limites permises", "a JSON number within range"),
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => new("un nombre entier JSON dans les limites permises", "a whole JSON number within range"),
        _ when type == typeof(bool) => new("true ou false", "true or false"),
        _ when type == typeof(DateOnly) => new("une date \"AAAA-MM-JJ\"", "a date \"YYYY-MM-DD\""),
        _ when type == typeof(string) || type is { IsEnum: true } => new("une chaîne JSON", "a JSON string"),
        _ when type is not null && ElementOf(type) is not null => new("une liste JSON", "a JSON array"),
        _ => new("un objet JSON", "a JSON object"),
    };

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>[0-9]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathSteps();

    [GeneratedRegex("""^Failed to bind parameter "\S+ (?<name>[^"]+)" from""", RegexOptions.CultureInvariant)]
    private static partial Regex UnboundParameter();
}

/// <summary>Exceptions under /api/v1: what ASP.NET could not bind is the caller's error; anything else is ours, logged, and answered without details.</summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!ApiErrors.IsApi(httpContext))
        {
            return false;
        }
        UserError error;
        if (exception is BadHttpRequestException bad)
        {
            error = ApiErrors.ForBadRequest(bad, httpContext);
        }
        else
        {
            LogFailed(exception, httpContext.Request.Method, httpContext.Request.Path);
            error = new UserError("request.failed", StatusCodes.Status500InternalServerError);
        }
        await ApiProblems.From(error, httpContext).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "API call {Method} {Path} failed")]
    private partial void LogFailed(Exception exception, string method, string path);
}
