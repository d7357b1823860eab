using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Shouldly;
using TechCenters.Web.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Security;

/// <summary>The crypto interface against the worked examples printed in the standards themselves.</summary>
public sealed class CryptoVectorTests
{
    private static readonly ICryptoProvider Crypto = new BouncyCastleCryptoProvider();
    private static byte[] Hex(string s) => Convert.FromHexString(s.Replace(" ", ""));

    [Fact]
    public void SM3_matches_GB_T_32905_example_1_abc()
    {
        Crypto.Sm3("abc"u8).ShouldBe(Hex("66c7f0f4 62eeedd9 d1f2d46b dc10e4e2 4167c487 5cf2f7a2 297da02b 8f4ba8e0"));
    }

    [Fact]
    public void SM3_matches_GB_T_32905_example_2_sixty_four_bytes()
    {
        var message = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 16)));
        Crypto.Sm3(message).ShouldBe(Hex("debe9ff9 2275b8a1 38604889 c18e5a4d 6fdb70e5 387e5765 293dcba3 9c0c5732"));
    }

    [Fact]
    public void SM4_matches_GB_T_32907_example_1_one_block()
    {
        var key = Hex("01234567 89abcdef fedcba98 76543210");
        Crypto.Sm4EncryptBlock(key, key).ShouldBe(Hex("681edf34 d206965e 86b3e94f 536e4246"));
    }

    [Fact]
    public void SM4_matches_GB_T_32907_example_2_one_million_encryptions()
    {
        var key = Hex("01234567 89abcdef fedcba98 76543210");
        var block = key;
        for (var i = 0; i < 1_000_000; i++) block = Crypto.Sm4EncryptBlock(key, block);
        block.ShouldBe(Hex("595298c7 c6fd271f 0402f804 c33d3f66"));
    }

    [Fact]
    public void SM4_GCM_matches_RFC_8998_appendix_A_and_refuses_an_altered_ciphertext()
    {
        var key = Hex("0123456789ABCDEFFEDCBA9876543210");
        var nonce = Hex("00001234567800000000ABCD");
        var aad = Hex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        var plain = Hex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        var sealed_ = Crypto.Sm4GcmEncrypt(key, nonce, plain, aad);
        sealed_.ShouldBe(Hex("17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
            + "83DE3541E4C2B58177E065A9BF7B62EC"));
        Crypto.Sm4GcmDecrypt(key, nonce, sealed_, aad).ShouldBe(plain);
        sealed_[3] ^= 1;
        Crypto.Sm4GcmDecrypt(key, nonce, sealed_, aad).ShouldBeNull();
    }

    /// <summary>
    /// GB/T 32918.2-2016 附录A (A.2): the example curve Fp-256, signer ALICE123@YAHOO.COM, message "message digest",
    /// private key d_A and random k as printed; the implementation must produce exactly the printed (r, s).
    /// </summary>
    [Fact]
    public void SM2_signature_matches_GB_T_32918_2_annex_A_example()
    {
        var p = new BigInteger("8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3", 16);
        var a = new BigInteger("787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498", 16);
        var b = new BigInteger("63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A", 16);
        var n = new BigInteger("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7", 16);
        var curve = new FpCurve(p, a, b, n, BigInteger.One);
        var g = curve.CreatePoint(new BigInteger("421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D", 16),
            new BigInteger("0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2", 16));
        var domain = new ECDomainParameters(curve, g, n, BigInteger.One);
        var k = Hex("6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F");
        var example = new BouncyCastleCryptoProvider(domain, new SecureRandom(new FixedBytes(k)));
        var d = Hex("128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263");
        var message = "message digest"u8.ToArray();

        var signature = example.Sm2Sign(d, message, "ALICE123@YAHOO.COM");
        // The provider keeps the thread's signer for the next signature (Bug 0321): reused, it signs exactly as a fresh one.
        example.Sm2Sign(d, message, "ALICE123@YAHOO.COM").ShouldBe(signature);

        signature.ShouldBe(Hex("40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1"
            + "6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7"));
        var publicKey = g.Multiply(new BigInteger(1, d)).Normalize().GetEncoded(false);
        example.Sm2Verify(publicKey, message, signature, "ALICE123@YAHOO.COM").ShouldBeTrue();
        example.Sm2Verify(publicKey, "message digesT"u8, signature, "ALICE123@YAHOO.COM").ShouldBeFalse();
        example.Sm2Verify(publicKey, message, signature, "BOB").ShouldBeFalse();
    }

    [Fact]
    public void SM2_on_the_recommended_curve_signs_and_verifies_and_refuses_garbage()
    {
        var pair = Crypto.GenerateSm2KeyPair();
        pair.PrivateKey.Length.ShouldBe(32);
        pair.PublicKey.Length.ShouldBe(65);
        var signature = Crypto.Sm2Sign(pair.PrivateKey, "回执 SB20260302-000001-01"u8);
        Crypto.Sm2Verify(pair.PublicKey, "回执 SB20260302-000001-01"u8, signature).ShouldBeTrue();
        Crypto.Sm2Verify(pair.PublicKey, "回执 SB20260302-000001-02"u8, signature).ShouldBeFalse();
        Crypto.Sm2Verify(pair.PublicKey, "x"u8, new byte[3]).ShouldBeFalse();
        Crypto.Sm2Verify(new byte[] { 4, 1, 2 }, "x"u8, signature).ShouldBeFalse();
        Crypto.Sm2Verify(Crypto.GenerateSm2KeyPair().PublicKey, "回执 SB20260302-000001-01"u8, signature).ShouldBeFalse();
    }

    /// <summary>Bug 0321: each submission paid for a fresh SM2 signer (a scalar multiplication to derive the public key);
    /// the provider now keeps a thread's signer — which must sign each message with the key and identity it is given.</summary>
    [Fact]
    public void Bug_0321_a_kept_signer_signs_each_message_with_the_key_and_identity_given()
    {
        var one = Crypto.GenerateSm2KeyPair();
        var two = Crypto.GenerateSm2KeyPair();
        var a = Crypto.Sm2Sign(one.PrivateKey, "回执 A"u8);
        var b = Crypto.Sm2Sign(one.PrivateKey, "回执 B"u8);
        var c = Crypto.Sm2Sign(two.PrivateKey, "回执 C"u8);
        var d = Crypto.Sm2Sign(two.PrivateKey, "回执 D"u8, "OTHER-ID");
        var e = Crypto.Sm2Sign(one.PrivateKey, "回执 E"u8);
        Crypto.Sm2Verify(one.PublicKey, "回执 A"u8, a).ShouldBeTrue();
        Crypto.Sm2Verify(one.PublicKey, "回执 B"u8, b).ShouldBeTrue();
        Crypto.Sm2Verify(one.PublicKey, "回执 A"u8, b).ShouldBeFalse();
        Crypto.Sm2Verify(two.PublicKey, "回执 C"u8, c).ShouldBeTrue();
        Crypto.Sm2Verify(one.PublicKey, "回执 C"u8, c).ShouldBeFalse();
        Crypto.Sm2Verify(two.PublicKey, "回执 D"u8, d, "OTHER-ID").ShouldBeTrue();
        Crypto.Sm2Verify(two.PublicKey, "回执 D"u8, d).ShouldBeFalse();
        Crypto.Sm2Verify(one.PublicKey, "回执 E"u8, e).ShouldBeTrue();
        // Signed in parallel (one signer per thread), every signature still verifies.
        var parallel = Enumerable.Range(0, 64).AsParallel().Select(i => (i, Sig: Crypto.Sm2Sign(one.PrivateKey, System.Text.Encoding.UTF8.GetBytes($"回执 {i}")))).ToList();
        parallel.ShouldAllBe(p => Crypto.Sm2Verify(one.PublicKey, System.Text.Encoding.UTF8.GetBytes($"回执 {p.i}"), p.Sig));
    }

    /// <summary>Bug 0328: the provider took sm2p256v1 from GMNamedCurves, BouncyCastle's generic Fp curve, so each receipt's
    /// signature ran on general big-integer arithmetic (about 30 % of a submission's CPU under load). It now takes the same
    /// curve with the arithmetic written for its prime; what was signed before must still verify, and the other way round.</summary>
    [Fact]
    public void Bug_0328_SM2_runs_on_the_curve_written_for_its_prime_and_agrees_with_the_generic_one()
    {
        // The generic curve's field elements are FpFieldElement (BigInteger arithmetic); the prime's own are not.
        BouncyCastleCryptoProvider.Sm2Domain().Curve.FromBigInteger(BigInteger.Two).ShouldNotBeOfType<FpFieldElement>();
        var generic = Org.BouncyCastle.Asn1.GM.GMNamedCurves.GetByName("sm2p256v1");
        generic.Curve.FromBigInteger(BigInteger.Two).ShouldBeOfType<FpFieldElement>();
        BouncyCastleCryptoProvider.Sm2Domain().G.GetEncoded(false).ShouldBe(generic.G.GetEncoded(false)); // the same base point
        var old = new BouncyCastleCryptoProvider(new ECDomainParameters(generic.Curve, generic.G, generic.N, generic.H), new SecureRandom());
        // The same curve: a key made either way has the same public key, and each side verifies the other's signatures.
        var pair = old.GenerateSm2KeyPair();
        Crypto.Sm2Verify(pair.PublicKey, "回执 旧"u8, old.Sm2Sign(pair.PrivateKey, "回执 旧"u8)).ShouldBeTrue();
        old.Sm2Verify(pair.PublicKey, "回执 新"u8, Crypto.Sm2Sign(pair.PrivateKey, "回执 新"u8)).ShouldBeTrue();
        old.Sm2Verify(pair.PublicKey, "回执 新"u8, Crypto.Sm2Sign(pair.PrivateKey, "回执 另"u8)).ShouldBeFalse();
        var fresh = Crypto.GenerateSm2KeyPair();
        old.Sm2Verify(fresh.PublicKey, "回执"u8, Crypto.Sm2Sign(fresh.PrivateKey, "回执"u8)).ShouldBeTrue();
    }

    [Fact]
    public void HMAC_SM3_is_keyed()
    {
        var a = Crypto.HmacSm3(new byte[16], "13800138000"u8);
        a.Length.ShouldBe(32);
        Crypto.HmacSm3(new byte[16], "13800138000"u8).ShouldBe(a);
        Crypto.HmacSm3(Enumerable.Repeat((byte)1, 16).ToArray(), "13800138000"u8).ShouldNotBe(a);
        a.ShouldNotBe(Crypto.Sm3("13800138000"u8));
    }

    /// <summary>Hands out the standard's k as the "random" bytes the signer asks for.</summary>
    private sealed class FixedBytes(byte[] bytes) : IRandomGenerator
    {
        public void AddSeedMaterial(byte[] seed) { }
        public void AddSeedMaterial(ReadOnlySpan<byte> seed) { }
        public void AddSeedMaterial(long seed) { }
        public void NextBytes(byte[] output) => NextBytes(output, 0, output.Length);
        public void NextBytes(byte[] output, int start, int length) => NextBytes(output.AsSpan(start, length));
        public void NextBytes(Span<byte> output) => bytes.AsSpan(0, output.Length).CopyTo(output);
    }
}
