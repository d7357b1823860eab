using Shouldly;
using TechCenters.Web.Features.Security;
using Xunit;

namespace TechCenters.Web.Tests.Security;

/// <summary>The one reading of a signed document's "prefix:id" subject every <see cref="ISignedDocumentSource"/> uses.</summary>
public sealed class SignedSubjectTests
{
    [Theory]
    [InlineData("center:12", "center", 12)]
    [InlineData("revocation:7", "revocation", 7)]
    [InlineData("evaluation:3", "evaluation", 3)]
    public void A_subject_made_with_a_prefix_reads_back_its_id(string subject, string prefix, int id)
    {
        SignedKinds.Subject(prefix, id).ShouldBe(subject);
        SignedKinds.IdOf(subject, prefix).ShouldBe(id);
    }

    [Theory]
    [InlineData("center:12", "revocation")]
    [InlineData("centers:12", "center")]
    [InlineData("center:", "center")]
    [InlineData("center:x1", "center")]
    [InlineData("center:-1", "center")]
    [InlineData("center:99999999999", "center")]
    [InlineData("", "center")]
    public void Any_other_text_has_no_id(string subject, string prefix) => SignedKinds.IdOf(subject, prefix).ShouldBeNull();
}
