package dev.autopilot.health.probe;

import io.vertx.core.buffer.Buffer;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * The one MongoDB wire-protocol exchange a probe needs: an OP_MSG request carrying {@code {hello:
 * 1, $db: "admin"}} and its OP_MSG reply (MongoDB Wire Protocol, "OP_MSG": a 16-byte little-endian
 * header, flag bits, then sections; section kind 0 holds one BSON document). BSON itself is encoded
 * and decoded by the MongoDB driver's {@code org.bson} library; only the framing (about 20 bytes)
 * is written here, because the drivers do not expose it on its own.
 */
final class MongoWire {
  /** OP_MSG, the only opcode MongoDB 3.6+ needs (OP_QUERY is gone since 6.0). */
  static final int OP_MSG = 2013;

  /** Bit 0 of the flags: a CRC-32C checksum follows the sections. */
  private static final int CHECKSUM_PRESENT = 1;

  /** Replies to hello are small; anything bigger than MongoDB's 48 MB message limit is not one. */
  static final int MAX_MESSAGE = 48_000_000;

  private static final int HEADER = 16;

  private MongoWire() {}

  /** The OP_MSG {@code hello} command with request id {@code requestId}. */
  static Buffer hello(int requestId) {
    BsonDocument command =
        new BsonDocument("hello", new BsonInt32(1)).append("$db", new BsonString("admin"));
    BasicOutputBuffer bson = new BasicOutputBuffer();
    try (BsonBinaryWriter writer = new BsonBinaryWriter(bson)) {
      new BsonDocumentCodec().encode(writer, command, EncoderContext.builder().build());
    }
    byte[] document = bson.toByteArray();
    return Buffer.buffer(HEADER + 5 + document.length)
        .appendIntLE(HEADER + 5 + document.length) // messageLength
        .appendIntLE(requestId) // requestID
        .appendIntLE(0) // responseTo
        .appendIntLE(OP_MSG) // opCode
        .appendIntLE(0) // flagBits
        .appendByte((byte) 0) // section kind 0: body
        .appendBytes(document);
  }

  /**
   * The length of the message starting the buffer, once its first 4 bytes are there; -1 before.
   *
   * @throws MongoProtocolException when the length cannot be a MongoDB message
   */
  static int messageLength(Buffer received) {
    if (received.length() < 4) {
      return -1;
    }
    int length = received.getIntLE(0);
    if (length < HEADER + 5 || length > MAX_MESSAGE) {
      throw new MongoProtocolException();
    }
    return length;
  }

  /**
   * The body document of the complete OP_MSG reply {@code message} to request {@code requestId}.
   *
   * @throws MongoProtocolException when it is not an OP_MSG reply to that request
   */
  static BsonDocument replyBody(Buffer message, int requestId) {
    int length = message.getIntLE(0);
    if (message.getIntLE(8) != requestId || message.getIntLE(12) != OP_MSG) {
      throw new MongoProtocolException();
    }
    int flags = message.getIntLE(16);
    int end = length - ((flags & CHECKSUM_PRESENT) != 0 ? 4 : 0);
    int position = HEADER + 4;
    while (position < end) {
      byte kind = message.getByte(position);
      if (position + 5 > end) {
        break;
      }
      int size = message.getIntLE(position + 1);
      if (size < 5 || position + 1 + size > end) {
        break;
      }
      if (kind == 0) {
        return new RawBsonDocument(message.getBytes(position + 1, position + 1 + size));
      }
      position += 1 + size; // kind 1: a document sequence, its size includes the size field
    }
    throw new MongoProtocolException();
  }

  /** Whether a command reply says {@code ok: 1} (MongoDB sends 1.0, some servers 1). */
  static boolean ok(BsonDocument reply) {
    BsonValue ok = reply.get("ok");
    return ok != null && ok.isNumber() && ok.asNumber().doubleValue() == 1.0;
  }

  /** A reply with ok: 0, as an exception naming the server's error code (and code name). */
  static MongoCommandException error(BsonDocument reply) {
    BsonValue code = reply.get("code");
    BsonValue name = reply.get("codeName");
    return new MongoCommandException(
        code != null && code.isNumber() ? code.asNumber().intValue() : null,
        name != null && name.isString() ? name.asString().getValue() : null);
  }

  /** The bytes received are not a MongoDB OP_MSG reply to the probe's request. */
  static final class MongoProtocolException extends RuntimeException {
    MongoProtocolException() {
      super("not a MongoDB reply", null, false, false);
    }
  }

  /** The server answered the command with ok: 0. */
  static final class MongoCommandException extends RuntimeException {
    private final Integer code;
    private final String codeName;

    MongoCommandException(Integer code, String codeName) {
      super("mongodb error " + code + " " + codeName, null, false, false);
      this.code = code;
      this.codeName = codeName;
    }

    /**
     * {@code mongodb error 13 (Unauthorized)}: only the number and a well-formed code name, never
     * the server's message (reasons reach the public status page).
     */
    String reason() {
      StringBuilder reason = new StringBuilder("mongodb error");
      if (code != null) {
        reason.append(' ').append(code);
      }
      if (codeName != null && codeName.matches("[A-Za-z][A-Za-z0-9]{0,63}")) {
        reason.append(" (").append(codeName).append(')');
      }
      return reason.toString();
    }
  }
}
