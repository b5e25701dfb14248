using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Facturo.Api;

/// <summary>
/// An amount in the API: a JSON string of the exact cents, a dot before them and no thousands separator
/// (<c>"1234.56"</c>, <c>"-12.00"</c>), never a JSON number, which clients read as binary floating point.
/// The currency is the <c>currency</c> of the object that holds it. Read strictly: one or two decimals.
/// </summary>
[JsonConverter(typeof(ApiAmountJsonConverter))]
public readonly partial record struct ApiAmount(long Cents)
{
    public const string Pattern = @"^-?[0-9]{1,13}(\.[0-9]{1,2})?$";

    public static ApiAmount Of(Money money) => new(money.Cents);

    public Money In(Currency currency) => new(Cents, currency);

    public override string ToString() =>
        (Cents < 0 ? "-" : "") + (Math.Abs((decimal)Cents) / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out ApiAmount amount)
    {
        amount = default;
        if (text is null || !Shape().IsMatch(text))
        {
            return false;
        }
        var value = decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        amount = new ApiAmount((long)(value * 100m));
        return true;
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}

public sealed class ApiAmountJsonConverter : JsonConverter<ApiAmount>
{
    /// <summary>How the refusal starts, so the API's error names the field as an amount (<see cref="ApiErrors"/>).</summary>
    public const string Refusal = "An amount is a string such as \"1234.56\".";

    public override ApiAmount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ApiAmount.TryParse(reader.GetString(), out var amount)
            ? amount
            : throw new JsonException(Refusal);

    public override void Write(Utf8JsonWriter writer, ApiAmount value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
