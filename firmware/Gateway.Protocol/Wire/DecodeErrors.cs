namespace Gateway.Protocol.Wire
{
    public static class DecodeErrors
    {
        public static string Describe(DecodeError error)
        {
            switch (error)
            {
                case DecodeError.None: return "ok";
                case DecodeError.Truncated: return "truncated: fewer bytes than the structure needs";
                case DecodeError.WrongType: return "wrong message type for this structure";
                case DecodeError.BadCombineLength: return "combine_len is smaller than the header or larger than the bytes left";
                case DecodeError.BadLength: return "a length field does not fit the bytes given";
                case DecodeError.FormMismatch: return "stat form does not match its size or flags";
                case DecodeError.BadPath: return "path is not NUL-terminated at path_len";
                case DecodeError.UnterminatedCombine: return "the last part of a combine message still has _IO_COMBINE_FLAG";
                case DecodeError.TrailingBytes: return "bytes follow the end of the structure";
                case DecodeError.BadValue: return "a field holds a value outside its range";
                default: return "decode error";
            }
        }

        /// <summary>A stable lowercase name, used in JSON and logs (enum ToString prints a number on nanoFramework).</summary>
        public static string Name(DecodeError error)
        {
            switch (error)
            {
                case DecodeError.None: return "none";
                case DecodeError.Truncated: return "truncated";
                case DecodeError.WrongType: return "wrong-type";
                case DecodeError.BadCombineLength: return "bad-combine-length";
                case DecodeError.BadLength: return "bad-length";
                case DecodeError.FormMismatch: return "form-mismatch";
                case DecodeError.BadPath: return "bad-path";
                case DecodeError.UnterminatedCombine: return "unterminated-combine";
                case DecodeError.TrailingBytes: return "trailing-bytes";
                case DecodeError.BadValue: return "bad-value";
                default: return "unknown";
            }
        }
    }
}
