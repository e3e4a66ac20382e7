using DailyPapers.Mail;

namespace DailyPapers.Tests.Mail;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ada@example.org", "ada@example.org")]
    [InlineData("  Ada@Example.ORG ", "Ada@example.org")]
    [InlineData("first.last+digest@mail.example.co.uk", "first.last+digest@mail.example.co.uk")]
    [InlineData("o'neil@example.org", "o'neil@example.org")]
    public void PlainAddressesAreKeptWithTheDomainLowerCased(string input, string expected)
    {
        Assert.Equal(expected, EmailAddress.Normalize(input, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ada@example.org\u0000")]
    [InlineData("ada@exam\tple.org")]
    [InlineData("ada@example.org\u2028Bcc: x@example.org")]
    [InlineData("ada(comment)@example.org")]
    [InlineData("ada@[127.0.0.1]")]
    [InlineData("ada@.example.org")]
    [InlineData("ada@example.org.")]
    [InlineData("a@b@example.org")]
    public void AnythingButOnePlainAddressIsRefusedWithAReason(string? input)
    {
        Assert.Null(EmailAddress.Normalize(input, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }
}
