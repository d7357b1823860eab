using System.Globalization;

namespace TechCenters.Policy;

public enum QuantityFormat { Number, Percent, Fraction }

/// <summary>A figure from a pack or from facts, kept with how it was written (3%, 1/3, 200) so messages read like the regulation.</summary>
public sealed record Quantity(decimal Value, QuantityFormat Format, string? Unit = null, string? Text = null)
{
    public static bool TryParse(string? text, string? unit, out Quantity q)
    {
        q = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        var inv = CultureInfo.InvariantCulture;
        if (t.EndsWith('%') && decimal.TryParse(t[..^1], NumberStyles.Number, inv, out var p))
        {
            q = new Quantity(p / 100m, QuantityFormat.Percent, unit, t);
            return true;
        }
        var slash = t.IndexOf('/');
        if (slash > 0 && decimal.TryParse(t[..slash], NumberStyles.Number, inv, out var n) &&
            decimal.TryParse(t[(slash + 1)..], NumberStyles.Number, inv, out var d) && d != 0)
        {
            q = new Quantity(n / d, QuantityFormat.Fraction, unit, t);
            return true;
        }
        if (decimal.TryParse(t, NumberStyles.Number | NumberStyles.AllowExponent, inv, out var v))
        {
            q = new Quantity(v, QuantityFormat.Number, unit, null);
            return true;
        }
        return false;
    }

    public override string ToString() => Format switch
    {
        QuantityFormat.Percent or QuantityFormat.Fraction when Text is not null => Text,
        _ => FormatNumber(Value, Unit),
    };

    /// <summary>Formats a number the way the regulations write it: 200万元, 2亿元, 10人, 3%.</summary>
    public static string FormatNumber(decimal v, string? unit)
    {
        if (unit == "%") return Trim(v * 100m) + "%";
        if (unit == "元")
        {
            if (v != 0 && v % 100_000_000m == 0) return Trim(v / 100_000_000m) + "亿元";
            if (v != 0 && Math.Abs(v) >= 10_000m && v % 100m == 0) return Trim(v / 10_000m) + "万元";
            return Trim(v) + "元";
        }
        return Trim(v) + (unit ?? "");
    }

    /// <summary>A computed ratio shown as a percentage with up to two decimals.</summary>
    public static string Percent(decimal ratio) => Trim(Math.Round(ratio * 100m, 2)) + "%";

    public static string Trim(decimal v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
