namespace Gateway.Protocol.Qnx
{
    /// <summary><c>_STAT_FORM_*</c>. <c>_STAT_FORM_PREFERRED</c> is the server's own width: see <see cref="Preferred"/>.</summary>
    public static class StatForm
    {
        public const int Unset = 0;
        public const int T32_2001 = 1;
        public const int T32_2008 = 2;
        public const int T64_2008 = 3;

        public const int SizeT32_2001 = 72;
        public const int SizeT32_2008 = 96;
        public const int SizeT64_2008 = 120;

        /// <summary>The union in the extended reply is as large as the largest form.</summary>
        public const int UnionSize = 120;

        /// <summary><c>_STAT_FORM_PREFERRED</c> for a server of the given width.</summary>
        public static int Preferred(bool is64Bit)
        {
            return is64Bit ? T64_2008 : T32_2001;
        }

        /// <summary>The size of a form, or 0 for UNSET and unknown forms.</summary>
        public static int SizeOf(int form)
        {
            switch (form)
            {
                case T32_2001: return SizeT32_2001;
                case T32_2008: return SizeT32_2008;
                case T64_2008: return SizeT64_2008;
                default: return 0;
            }
        }

        /// <summary>The form a stat body of this size is in (MM-5), or UNSET.</summary>
        public static int FromSize(int size)
        {
            switch (size)
            {
                case SizeT32_2001: return T32_2001;
                case SizeT32_2008: return T32_2008;
                case SizeT64_2008: return T64_2008;
                default: return Unset;
            }
        }

        public static string Name(int form)
        {
            switch (form)
            {
                case Unset: return "unset";
                case T32_2001: return "t32_2001";
                case T32_2008: return "t32_2008";
                case T64_2008: return "t64_2008";
                default: return null;
            }
        }
    }
}
