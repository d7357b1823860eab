using FsCheck;
using FsCheck.Fluent;

namespace TechCenters.Policy.Tests;

public class BoundTests
{
    [Theory]
    // 含本数：the figure itself satisfies the bound
    [InlineData("以上", 10, 10, true)] [InlineData("以上", 9.99, 10, false)] [InlineData("以上", 11, 10, true)]
    [InlineData("及以上", 10, 10, true)] [InlineData("及以上", 9, 10, false)]
    [InlineData("不少于", 10, 10, true)] [InlineData("不少于", 9, 10, false)]
    [InlineData("不低于", 0.03, 0.03, true)] [InlineData("不低于", 0.0299, 0.03, false)]
    [InlineData("至少", 1, 1, true)] [InlineData("至少", 0, 1, false)]
    [InlineData("以下", 60, 60, true)] [InlineData("以下", 60.01, 60, false)]
    [InlineData("不超过", 0.2, 0.2, true)] [InlineData("不超过", 0.21, 0.2, false)]
    [InlineData("以内", 6, 6, true)] [InlineData("以内", 7, 6, false)]
    [InlineData("最高", 200000, 200000, true)] [InlineData("最高", 200001, 200000, false)]
    // 不含本数：the figure itself does not satisfy the bound
    [InlineData("低于", 0.7, 0.7, false)] [InlineData("低于", 0.69, 0.7, true)]
    [InlineData("超过", 9, 9, false)] [InlineData("超过", 10, 9, true)]
    [InlineData("不足", 10, 10, false)] [InlineData("不足", 9, 10, true)]
    [InlineData("少于", 5, 5, false)] [InlineData("少于", 4, 5, true)]
    [InlineData("高于", 5, 5, false)] [InlineData("高于", 6, 5, true)]
    public void Bound_words_follow_the_Chinese_legal_reading(string word, double actual, double limit, bool satisfied) =>
        Bound.Parse(word).IsSatisfiedBy((decimal)actual, (decimal)limit).ShouldBe(satisfied);

    [Theory]
    [InlineData("以上", BoundDirection.AtLeast, true)]
    [InlineData("不少于", BoundDirection.AtLeast, true)]
    [InlineData("不低于", BoundDirection.AtLeast, true)]
    [InlineData("及以上", BoundDirection.AtLeast, true)]
    [InlineData("（含）以上", BoundDirection.AtLeast, true)]
    [InlineData("以下", BoundDirection.AtMost, true)]
    [InlineData("不超过", BoundDirection.AtMost, true)]
    [InlineData("低于", BoundDirection.AtMost, false)]
    [InlineData("不足", BoundDirection.AtMost, false)]
    [InlineData("超过", BoundDirection.AtLeast, false)]
    public void Each_word_has_a_direction_and_inclusiveness(string word, BoundDirection direction, bool inclusive)
    {
        var b = Bound.Parse(word);
        b.Direction.ShouldBe(direction);
        b.Inclusive.ShouldBe(inclusive);
    }

    [Theory]
    [InlineData("大约")] [InlineData("")] [InlineData("≥")] [InlineData("以上吧")]
    public void Unknown_words_are_rejected(string word)
    {
        Bound.TryParse(word, out _).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => Bound.Parse(word));
    }

    [Fact]
    public void Phrases_put_postfix_words_after_the_figure()
    {
        Bound.Parse("以上").Phrase("2/3").ShouldBe("2/3以上");
        Bound.Parse("及以上").Phrase("2亿元").ShouldBe("2亿元及以上");
        Bound.Parse("不低于").Phrase("3%").ShouldBe("不低于3%");
    }

    [Fact]
    public void Inclusive_and_exclusive_words_agree_everywhere_but_at_the_figure()
    {
        // 不低于 x and 低于 x are complements; 不超过 x and 超过 x are complements — for every actual value.
        Prop.ForAll<int, int>((a, l) =>
        {
            decimal actual = a, limit = l;
            return Bound.Parse("不低于").IsSatisfiedBy(actual, limit) != Bound.Parse("低于").IsSatisfiedBy(actual, limit)
                && Bound.Parse("不超过").IsSatisfiedBy(actual, limit) != Bound.Parse("超过").IsSatisfiedBy(actual, limit)
                && Bound.Parse("以上").IsSatisfiedBy(actual, limit) == (actual >= limit)
                && Bound.Parse("不足").IsSatisfiedBy(actual, limit) == (actual < limit);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_known_word_includes_or_excludes_the_figure_consistently()
    {
        Prop.ForAll<int>(l =>
        {
            foreach (var w in Bound.KnownWords)
            {
                var b = Bound.Parse(w);
                if (b.IsSatisfiedBy(l, l) != b.Inclusive) return false;
                var beyond = b.Direction == BoundDirection.AtLeast ? l + 1m : l - 1m;
                if (!b.IsSatisfiedBy(beyond, l)) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("3%", 0.03, "3%")]
    [InlineData("1/3", 0.3333333333333333333333333333, "1/3")]
    [InlineData("200", 200, "200")]
    [InlineData("2.5%", 0.025, "2.5%")]
    public void Quantities_keep_how_they_were_written(string text, double value, string shown)
    {
        Quantity.TryParse(text, null, out var q).ShouldBeTrue();
        q.Value.ShouldBe((decimal)value, 0.0000001m);
        q.ToString().ShouldBe(shown);
    }

    [Theory]
    [InlineData(2000000, "元", "200万元")]
    [InlineData(200000000, "元", "2亿元")]
    [InlineData(1234, "元", "1234元")]
    [InlineData(10, "人", "10人")]
    public void Money_is_shown_as_the_regulations_write_it(double v, string unit, string shown) =>
        Quantity.FormatNumber((decimal)v, unit).ShouldBe(shown);

    [Fact]
    public void Garbage_is_not_a_quantity() => Quantity.TryParse("三个", null, out _).ShouldBeFalse();
}
