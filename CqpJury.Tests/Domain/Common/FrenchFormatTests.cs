using CqpJury.Domain.Common;

namespace CqpJury.Tests.Domain.Common;

public sealed class FrenchFormatTests
{
    [Theory]
    [InlineData("Olivier Garnier", "d'Olivier Garnier")]
    [InlineData("Alice DURAND", "d'Alice DURAND")]
    [InlineData("Émilie Roux", "d'Émilie Roux")]
    [InlineData("Ève Martin", "d'Ève Martin")]
    [InlineData("Œdipe", "d'Œdipe")]
    [InlineData("Hélène Dupont", "d'Hélène Dupont")]
    [InlineData("Hugo Lenoir", "d'Hugo Lenoir")]
    [InlineData("Yves Morel", "d'Yves Morel")]
    [InlineData("Yann Le Goff", "de Yann Le Goff")]
    [InlineData("Bruno Leroy", "de Bruno Leroy")]
    [InlineData("Chloé Petit", "de Chloé Petit")]
    [InlineData("  Olivier", "d'Olivier")]
    [InlineData("", "de ")]
    public void Of_elides_de_before_a_vowel_sound(string name, string expected) =>
        Assert.Equal(expected, FrenchFormat.Of(name));

    [Theory]
    [InlineData("Olivier", "qu'Olivier")]
    [InlineData("Karim", "que Karim")]
    public void That_elides_que_before_a_vowel_sound(string name, string expected) =>
        Assert.Equal(expected, FrenchFormat.That(name));

    [Fact]
    public void Elide_keeps_a_word_that_does_not_end_in_e_or_a_whole() =>
        Assert.Equal("par Olivier", FrenchFormat.Elide("par", "Olivier"));

    [Fact]
    public void Elide_works_with_le() =>
        Assert.Equal(new[] { "l'ordre", "l'Hérault", "le jury" }, new[] { FrenchFormat.Elide("le", "ordre"), FrenchFormat.Elide("le", "Hérault"), FrenchFormat.Elide("le", "jury") });
}
