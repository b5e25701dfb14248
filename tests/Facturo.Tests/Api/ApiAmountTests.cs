using System.Text.Json;

namespace Facturo.Api;

public sealed class ApiAmountTests
{
    [Theory]
    [InlineData("\"1234.56\"", 1234_56)]
    [InlineData("\"12.5\"", 12_50)]
    [InlineData("\"7\"", 7_00)]
    [InlineData("\"-0.01\"", -1)]
    public void An_amount_is_read_from_a_string_of_exact_cents(string json, long cents) =>
        Assert.Equal(new ApiAmount(cents), JsonSerializer.Deserialize<ApiAmount>(json));

    [Theory]
    [InlineData("12.5")]
    [InlineData("\"12.345\"")]
    [InlineData("\"1e3\"")]
    [InlineData("\"1,234.56\"")]
    [InlineData("\" 12.00\"")]
    [InlineData("\"\"")]
    [InlineData("\"99999999999999.00\"")]
    [InlineData("null")]
    public void Anything_else_is_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<ApiAmount>(json));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(99)]
    [InlineData(-100)]
    [InlineData(1234_56)]
    [InlineData(9_999_999_999_999_99L)]
    [InlineData(-9_999_999_999_999_99L)]
    public void An_amount_is_written_as_a_string_that_reads_back_the_same(long cents)
    {
        var json = JsonSerializer.Serialize(new ApiAmount(cents));

        Assert.StartsWith("\"", json);
        Assert.Equal(cents, JsonSerializer.Deserialize<ApiAmount>(json).Cents);
    }
}
