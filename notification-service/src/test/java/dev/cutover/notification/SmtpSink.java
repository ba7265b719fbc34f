package dev.cutover.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local SMTP server for the tests (RFC 5321's plain conversation: EHLO, MAIL, RCPT, DATA, QUIT, no
 * TLS, no AUTH) that keeps every mail it is given with its envelope recipients.
 */
final class SmtpSink implements AutoCloseable {

    record Mail(String from, List<String> to, String data) {
    }

    final List<Mail> received = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;

    private SmtpSink(ServerSocket socket) {
        this.socket = socket;
    }

    static SmtpSink start() throws IOException {
        SmtpSink sink = new SmtpSink(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(sink::serve, "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
        return sink;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Each connection on its own thread: the mailer keeps idle connections open for reuse. */
    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread conversation = new Thread(() -> {
                    try (client) {
                        converse(client);
                    } catch (IOException e) {
                        // the mailer hung up: nothing to keep
                    }
                }, "smtp-sink-client");
                conversation.setDaemon(true);
                conversation.start();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        reply(out, "220 smtp-sink ready");
        String from = null;
        List<String> to = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
            switch (command) {
                case "EHLO" -> reply(out, "250 smtp-sink");
                case "HELO", "RSET", "NOOP" -> reply(out, "250 OK");
                case "MAIL" -> {
                    from = line.substring(line.indexOf(':') + 1).trim();
                    to = new ArrayList<>();
                    reply(out, "250 OK");
                }
                case "RCPT" -> {
                    to.add(line.substring(line.indexOf(':') + 1).trim().replaceAll("[<>]", ""));
                    reply(out, "250 OK");
                }
                case "DATA" -> {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
                    }
                    received.add(new Mail(from, List.copyOf(to), data.toString()));
                    reply(out, "250 OK: queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
