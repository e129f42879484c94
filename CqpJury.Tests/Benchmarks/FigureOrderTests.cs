using CqpJury.Benchmarks.Core;

namespace CqpJury.Tests.Benchmarks;

/// <summary>The report's table lists the figures by number: figure 10 after figure 9, not before figure 3.</summary>
public sealed class FigureOrderTests
{
    [Fact]
    public void Figures_are_ordered_by_number_then_by_letter()
    {
        string[] ids = ["11a", "3a", "10c", "2", "11", "9c", "2b", "1f", "10a", "1"];

        var ordered = ids.Order(Figure.TableOrder);

        Assert.Equal(["1", "1f", "2", "2b", "3a", "9c", "10a", "10c", "11", "11a"], ordered);
    }
}
