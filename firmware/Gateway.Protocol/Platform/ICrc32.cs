namespace Gateway.Protocol.Platform { public interface ICrc32 { uint Compute(byte[] data, int offset, int count); } }
