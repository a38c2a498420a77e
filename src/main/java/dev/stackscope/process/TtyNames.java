package dev.stackscope.process;

/** The device path of a controlling terminal from the {@code tty_nr} field of {@code stat}. */
public final class TtyNames {
  private TtyNames() {}

  /** {@code /dev/pts/3}, {@code /dev/tty1}, {@code /dev/ttyS0}; null for none; else major:minor. */
  public static String name(int ttyNr) {
    if (ttyNr <= 0) {
      return null;
    }
    int major = (ttyNr >> 8) & 0xfff;
    int minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
    if (major >= 136 && major <= 143) {
      return "/dev/pts/" + ((major - 136) * 256 + minor);
    }
    if (major == 4) {
      return minor < 64 ? "/dev/tty" + minor : "/dev/ttyS" + (minor - 64);
    }
    if (major == 5 && minor == 1) {
      return "/dev/console";
    }
    return "tty " + major + ":" + minor;
  }
}
