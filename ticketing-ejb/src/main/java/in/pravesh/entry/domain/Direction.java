package in.pravesh.entry.domain;

/** Which way a scan goes through a gate (api.md, Entry: exits and re-entry). */
public enum Direction {
  IN,
  OUT
}
