using System;
using System.IO.Ports;
using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// The link's byte stream on an ESP32 UART (COM2: the board's USB port is the debugger's), 8N1, no
    /// flow control, through a USB–UART adapter on the host. The board routes the UART's RX/TX pins with
    /// Configuration.SetPinFunction before opening it. Reads wait on DataReceived instead of polling.
    /// </summary>
    public sealed class SerialByteStream : IByteStream
    {
        private const long TicksPerMs = 10000;

        private readonly SerialPort port;
        private readonly AutoResetEvent dataArrived = new AutoResetEvent(false);
        private bool closed;

        public SerialByteStream(string portName, int baudRate, int readBufferSize)
        {
            port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);
            port.Handshake = Handshake.None;
            port.ReadBufferSize = readBufferSize;
            port.DataReceived += OnDataReceived;
            port.Open();
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            long deadline = DateTime.UtcNow.Ticks + timeoutMs * TicksPerMs;
            while (true)
            {
                if (closed)
                {
                    return -1;
                }

                int available = port.BytesToRead;
                if (available > 0)
                {
                    return port.Read(buffer, offset, available < count ? available : count);
                }

                long left = (deadline - DateTime.UtcNow.Ticks) / TicksPerMs;
                if (left <= 0)
                {
                    return 0;
                }

                dataArrived.WaitOne((int)left, false);
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (closed)
            {
                throw new InvalidOperationException("The serial link is closed.");
            }

            port.Write(buffer, offset, count);
        }

        public void Close()
        {
            closed = true;
            dataArrived.Set();
            port.Close();
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            dataArrived.Set();
        }
    }
}
