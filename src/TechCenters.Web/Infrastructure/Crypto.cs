using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace TechCenters.Web.Infrastructure;

/// <summary>
/// The one crypto seam: every 国密 operation of the platform goes through it, so a certified cryptographic module
/// (密码模块) can replace the BouncyCastle implementation without touching callers. Checked against the standards'
/// own test vectors (SM2 GB/T 32918, SM3 GB/T 32905, SM4 GB/T 32907) in CryptoVectorTests.
/// </summary>
public interface ICryptoProvider
{
    /// <summary>SM3 (GB/T 32905-2016) digest, 32 bytes.</summary>
    byte[] Sm3(ReadOnlySpan<byte> data);

    /// <summary>HMAC-SM3 (GB/T 15852.2 construction with SM3): the keyed hash used for equality look-ups of encrypted data.</summary>
    byte[] HmacSm3(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data);

    /// <summary>SM4 (GB/T 32907-2016) on one 16-byte block with a 16-byte key: the raw primitive, for the standard's vectors.</summary>
    byte[] Sm4EncryptBlock(ReadOnlySpan<byte> key, ReadOnlySpan<byte> block);

    /// <summary>SM4-GCM authenticated encryption (RFC 8998): returns ciphertext followed by the 16-byte tag.</summary>
    byte[] Sm4GcmEncrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData);

    /// <summary>SM4-GCM decryption; null when the tag does not verify (wrong key, or the data was altered).</summary>
    byte[]? Sm4GcmDecrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData);

    /// <summary>A fresh SM2 key pair: 32-byte private scalar, 65-byte uncompressed public point (04‖x‖y).</summary>
    Sm2KeyPair GenerateSm2KeyPair();

    /// <summary>SM2 signature (GB/T 32918.2) with SM3 and the signer's identity <paramref name="userId"/>, as (r‖s), 64 bytes.</summary>
    byte[] Sm2Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message, string userId = Sm2KeyPair.DefaultUserId);

    bool Sm2Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, string userId = Sm2KeyPair.DefaultUserId);

    /// <summary>Cryptographically secure random bytes.</summary>
    byte[] RandomBytes(int count);

    string Sm3Hex(string text) => Convert.ToHexStringLower(Sm3(Encoding.UTF8.GetBytes(text)));
}

public sealed record Sm2KeyPair(byte[] PrivateKey, byte[] PublicKey)
{
    /// <summary>The default signer identity of GB/T 35276-2017 (SM2 密码算法使用规范), 1234567812345678.</summary>
    public const string DefaultUserId = "1234567812345678";
}

/// <summary>
/// BouncyCastle.Cryptography implementation. SM2 runs on the recommended curve sm2p256v1 (GB/T 32918.5); a test may
/// hand in another curve and a fixed random source to reproduce the standard's worked example exactly.
/// </summary>
public sealed class BouncyCastleCryptoProvider : ICryptoProvider
{
    private readonly ECDomainParameters domain;
    private readonly SecureRandom random;

    public BouncyCastleCryptoProvider() : this(Sm2Domain(), new SecureRandom()) { }

    public BouncyCastleCryptoProvider(ECDomainParameters sm2Domain, SecureRandom random)
    {
        domain = sm2Domain;
        this.random = random;
    }

    public static ECDomainParameters Sm2Domain()
    {
        // The same curve as GMNamedCurves' sm2p256v1, with BouncyCastle's arithmetic written for its prime (SM2P256V1Curve):
        // GMNamedCurves gives the generic Fp curve, on which a receipt's signature cost about 30 % of a submission's CPU (Bug 0328).
        var curve = CustomNamedCurves.GetByName("sm2p256v1");
        return new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H);
    }

    public byte[] Sm3(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }

    public byte[] HmacSm3(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key.ToArray()));
        mac.BlockUpdate(data);
        var output = new byte[mac.GetMacSize()];
        mac.DoFinal(output, 0);
        return output;
    }

    public byte[] Sm4EncryptBlock(ReadOnlySpan<byte> key, ReadOnlySpan<byte> block)
    {
        if (key.Length != 16 || block.Length != 16) throw new ArgumentException("SM4 的密钥与分组均为16字节");
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(key.ToArray()));
        var output = new byte[16];
        engine.ProcessBlock(block, output);
        return output;
    }

    public byte[] Sm4GcmEncrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var gcm = Gcm(true, key, nonce, associatedData);
        var output = new byte[gcm.GetOutputSize(plaintext.Length)];
        var n = gcm.ProcessBytes(plaintext, output);
        gcm.DoFinal(output.AsSpan(n));
        return output;
    }

    public byte[]? Sm4GcmDecrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData)
    {
        if (ciphertextAndTag.Length < 16) return null;
        var gcm = Gcm(false, key, nonce, associatedData);
        var output = new byte[gcm.GetOutputSize(ciphertextAndTag.Length)];
        try
        {
            var n = gcm.ProcessBytes(ciphertextAndTag, output);
            n += gcm.DoFinal(output.AsSpan(n));
            return output[..n];
        }
        catch (InvalidCipherTextException)
        {
            return null;
        }
    }

    private static GcmBlockCipher Gcm(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad)
    {
        if (key.Length != 16) throw new ArgumentException("SM4 密钥应为16字节");
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(encrypt, new AeadParameters(new KeyParameter(key.ToArray()), 128, nonce.ToArray(), aad.ToArray()));
        return gcm;
    }

    public Sm2KeyPair GenerateSm2KeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(domain, random));
        var pair = generator.GenerateKeyPair();
        var d = ((ECPrivateKeyParameters)pair.Private).D;
        var q = ((ECPublicKeyParameters)pair.Public).Q;
        return new Sm2KeyPair(BigIntegers.AsUnsignedByteArray(32, d), q.GetEncoded(false));
    }

    public byte[] Sm2Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message, string userId = Sm2KeyPair.DefaultUserId)
    {
        // Initialising a signer derives the public key from the private one (a full scalar multiplication, about as costly
        // as the signature itself) and digests Z: each thread keeps the signer of the last key it signed with, reset per use
        // (every submission signs its receipt with the platform key — docs/performance.md, Submissions).
        var cached = signers.Value;
        if (cached is null || cached.UserId != userId || !privateKey.SequenceEqual(cached.Key))
        {
            var signer = new SM2Signer(PlainDsaEncoding.Instance);
            var key = new ECPrivateKeyParameters(new BigInteger(1, privateKey.ToArray()), domain);
            signer.Init(true, new ParametersWithID(new ParametersWithRandom(key, random), Encoding.ASCII.GetBytes(userId)));
            signers.Value = cached = new CachedSigner(privateKey.ToArray(), userId, signer);
        }
        cached.Signer.Reset();
        cached.Signer.BlockUpdate(message);
        return cached.Signer.GenerateSignature();
    }

    private sealed record CachedSigner(byte[] Key, string UserId, SM2Signer Signer);
    private readonly ThreadLocal<CachedSigner?> signers = new();

    public bool Sm2Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, string userId = Sm2KeyPair.DefaultUserId)
    {
        try
        {
            var point = domain.Curve.DecodePoint(publicKey.ToArray());
            var signer = new SM2Signer(PlainDsaEncoding.Instance);
            signer.Init(false, new ParametersWithID(new ECPublicKeyParameters(point, domain), Encoding.ASCII.GetBytes(userId)));
            signer.BlockUpdate(message);
            return signer.VerifySignature(signature.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return false; // not a point on the curve, or a signature of the wrong length
        }
    }

    public byte[] RandomBytes(int count) => RandomNumberGenerator.GetBytes(count);
}
