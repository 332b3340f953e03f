namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The documented development key (hardware-docs/link.md §6): the 32 ASCII bytes
    /// "gateway-development-key-00000000". The emulated board and the <c>emu:</c>/<c>pty:</c> targets use it unless
    /// given a key. It is public, so it only ever opens emulated boards: real board apps refuse to start with it
    /// (<see cref="Is"/>), and a host holding it goes on only with a board whose HELLO_REPLY says
    /// <see cref="BoardKind.Emulated"/>.
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

        /// <summary>True when <paramref name="key"/> is the development key, byte for byte.</summary>
        public static bool Is(byte[] key)
        {
            if (key == null || key.Length != Text.Length)
            {
                return false;
            }

            for (int i = 0; i < key.Length; i++)
            {
                if (key[i] != (byte)Text[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
