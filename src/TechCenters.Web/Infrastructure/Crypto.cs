using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace TechCenters.Web.Infrastructure;

/// <summary>The one crypto seam: 国密 algorithms live behind it so they can be swapped for a certified module.</summary>
public interface ICryptoProvider
{
    /// <summary>SM3 (GB/T 32905-2016) digest.</summary>
    byte[] Sm3(ReadOnlySpan<byte> data);

    string Sm3Hex(string text) => Convert.ToHexStringLower(Sm3(Encoding.UTF8.GetBytes(text)));
}

public sealed class BouncyCastleCryptoProvider : ICryptoProvider
{
    public byte[] Sm3(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        var input = data.ToArray();
        digest.BlockUpdate(input, 0, input.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }
}
