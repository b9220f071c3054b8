package dev.autopilot.health;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.BsonBinaryWriter;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * A local stand-in for mongod that speaks the real wire protocol (there is no MongoDB server on
 * this machine): it reads each request as an OP_MSG (16-byte little-endian header, opCode 2013,
 * flag bits, a kind-0 section with one BSON document), keeps the command it carried, and behaves as
 * its {@link Mode} says. Written from the protocol specification, independently of the prober's
 * encoder, so a framing mistake on either side fails the test.
 */
final class MongoReceiver implements AutoCloseable {
  /** How the receiver answers. */
  enum Mode {
    /** {@code hello} answered with ok: 1 as a replica-set primary would. */
    OK,
    /** ok: 0, code 13 Unauthorized, as a server requiring authentication for the command. */
    ERROR,
    /** Reads the request, then closes the connection without a reply. */
    CLOSE,
    /** Reads the request and never answers. */
    SILENT,
    /** Answers like an HTTP server that was given the wrong port. */
    NOT_MONGO
  }

  private static final int OP_MSG = 2013;

  private final ServerSocket server;
  private final Mode mode;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<BsonDocument> commands = new CopyOnWriteArrayList<>();
  private final List<String> protocolErrors = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  private MongoReceiver(ServerSocket server, Mode mode) {
    this.server = server;
    this.mode = mode;
  }

  /** Starts a receiver on a free port of 127.0.0.1. */
  static MongoReceiver start(Mode mode) throws IOException {
    MongoReceiver receiver =
        new MongoReceiver(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), mode);
    receiver.executor.submit(receiver::accept);
    return receiver;
  }

  int port() {
    return server.getLocalPort();
  }

  /** The command documents received, in order. */
  List<BsonDocument> commands() {
    return commands;
  }

  /** Requests that were not well-formed OP_MSG messages, and why. */
  List<String> protocolErrors() {
    return protocolErrors;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        executor.submit(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        byte[] header = new byte[16];
        in.readFully(header);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int length = h.getInt();
        int requestId = h.getInt();
        int responseTo = h.getInt();
        int opCode = h.getInt();
        if (opCode != OP_MSG || responseTo != 0 || length < 21 || length > 1_000_000) {
          protocolErrors.add("header: length " + length + ", opCode " + opCode);
          return;
        }
        byte[] rest = new byte[length - 16];
        in.readFully(rest);
        ByteBuffer body = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
        int flags = body.getInt();
        byte kind = body.get();
        int size = body.getInt(body.position());
        if (flags != 0 || kind != 0 || size != rest.length - 5) {
          protocolErrors.add("flags " + flags + ", section kind " + kind + ", size " + size);
          return;
        }
        commands.add(new RawBsonDocument(rest, 5, size).clone());
        switch (mode) {
          case OK -> out.write(reply(requestId, helloReply()));
          case ERROR -> out.write(reply(requestId, unauthorized()));
          case NOT_MONGO ->
              out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes());
          case CLOSE -> {
            return;
          }
          case SILENT -> {
            // Hold the connection open without answering until the prober gives up.
            while (in.read() >= 0) {
              // discard
            }
            return;
          }
        }
        out.flush();
      }
    } catch (EOFException e) {
      // the prober closed the connection after its reply
    } catch (IOException e) {
      // closed by close() or the prober
    } finally {
      open.remove(socket);
    }
  }

  private static BsonDocument helloReply() {
    return new BsonDocument("isWritablePrimary", BsonBoolean.TRUE)
        .append("setName", new BsonString("rs0"))
        .append("maxWireVersion", new BsonInt32(21))
        .append("ok", new BsonDouble(1.0));
  }

  private static BsonDocument unauthorized() {
    return new BsonDocument("ok", new BsonDouble(0.0))
        .append("errmsg", new BsonString("command hello requires authentication"))
        .append("code", new BsonInt32(13))
        .append("codeName", new BsonString("Unauthorized"));
  }

  /** An OP_MSG reply: header (responseTo = the request), flags 0, one kind-0 section. */
  private static byte[] reply(int requestId, BsonDocument document) {
    BasicOutputBuffer bson = new BasicOutputBuffer();
    try (BsonBinaryWriter writer = new BsonBinaryWriter(bson)) {
      new BsonDocumentCodec().encode(writer, document, EncoderContext.builder().build());
    }
    byte[] doc = bson.toByteArray();
    ByteBuffer message = ByteBuffer.allocate(21 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
    message.putInt(21 + doc.length).putInt(7_000 + requestId).putInt(requestId).putInt(OP_MSG);
    message.putInt(0).put((byte) 0).put(doc);
    return message.array();
  }

  /** Number of connections still open (the prober must close its connections). */
  int openConnections() {
    return open.size();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    executor.shutdownNow();
  }
}
