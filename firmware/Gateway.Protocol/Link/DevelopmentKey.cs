namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The documented development key (hardware-docs/link.md §6): the 32 ASCII bytes
    /// "gateway-development-key-00000000". The emulated board and the <c>emu:</c>/<c>pty:</c> targets use it unless
    /// given a key; no real board may ship with it.
    /// </summary>
    public static class DevelopmentKey
    {
        public const string Text = "gateway-development-key-00000000";

        /// <summary>A fresh copy of the 32 key bytes.</summary>
        public static byte[] Create()
        {
            byte[] key = new byte[Text.Length];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = (byte)Text[i];
            }

            return key;
        }
    }
}
