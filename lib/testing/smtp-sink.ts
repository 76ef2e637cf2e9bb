/**
 * A minimal SMTP server on loopback for tests: speaks enough of RFC 5321 for a real client
 * (nodemailer) to deliver, and records each message. `failNext` makes it refuse deliveries.
 */
import net from "node:net";

export type ReceivedMail = { from: string; to: string[]; data: string };

export async function startSmtpSink(): Promise<{ port: number; messages: ReceivedMail[]; refuse: (on: boolean) => void; close: () => Promise<void> }> {
  const messages: ReceivedMail[] = [];
  let refusing = false;
  const server = net.createServer((socket) => {
    let buffer = "";
    let mail: ReceivedMail = { from: "", to: [], data: "" };
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink ESMTP");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          mail.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push(mail);
          mail = { from: "", to: [], data: "" };
          reply("250 OK queued");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250 sink");
        else if (verb === "MAIL") {
          if (refusing) reply("451 Try again later");
          else {
            mail.from = line.slice(10);
            reply("250 OK");
          }
        } else if (verb === "RCPT") {
          mail.to.push(line.slice(8));
          reply("250 OK");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (verb === "QUIT") {
          reply("221 Bye");
          socket.end();
        } else if (verb === "RSET" || verb === "NOOP") reply("250 OK");
        else reply("502 Not implemented");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, messages, refuse: (on) => void (refusing = on), close: () => new Promise((resolve) => server.close(() => resolve())) };
}
