package io.playloop.serving;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether an address to bind reaches this machine only. */
final class Loopback {
  private Loopback() {}

  /** True for 127.0.0.0/8, ::1 and names that resolve only to those (localhost). */
  static boolean isLoopback(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      InetAddress[] all = InetAddress.getAllByName(h);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "playloop.serving.host '" + host + "' is not an address this machine can bind");
    }
  }
}
