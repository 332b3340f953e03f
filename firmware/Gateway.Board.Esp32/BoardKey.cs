namespace Gateway.Board.Esp32
{
    /// <summary>
    /// The link key, set at provisioning time (boards/esp32-devkitc/README.md, "Key provisioning"):
    /// boards/esp32-devkitc/provision-key.sh writes the git-ignored BoardKey.g.cs from a 0600 key file, and
    /// the nfproj defines GATEWAY_PROVISIONED when that file exists. An unprovisioned build has no key and
    /// the board refuses to start its link.
    /// </summary>
    public static class BoardKey
    {
        /// <summary>The key bytes, or null when this build was not provisioned.</summary>
        public static byte[] Load()
        {
#if GATEWAY_PROVISIONED
            return ProvisionedKey.Bytes();
#else
            return null;
#endif
        }
    }
}
