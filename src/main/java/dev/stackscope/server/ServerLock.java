package dev.stackscope.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per socket: the holder of an fcntl lock on its lock file ({@code NAME.lock} beside
 * {@code NAME.sock}). The file is never deleted (a lock on a file unlinked and re-created by
 * someone else would guard nothing), and this process never opens it a second time: closing any
 * descriptor of a file drops every fcntl lock the process holds on it (POSIX), which once let a
 * second server start beside the first one.
 */
final class ServerLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ServerLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock for {@code socket}, or null when another server holds it. */
  static ServerLock tryAcquire(Path socket) throws IOException {
    Path lockFile = Path.of(socket.toString().replaceFirst("\\.sock$", ".lock"));
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      return null;
    }
    // For people looking at the directory; nothing reads it.
    String pid = ProcessHandle.current().pid() + "\n";
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(pid.getBytes(StandardCharsets.US_ASCII)), 0);
    return new ServerLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.close();
    } finally {
      channel.close();
    }
  }
}
