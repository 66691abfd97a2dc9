package in.pravesh.event.application;

/** A gate as scanners see it. */
public record GateView(String id, String name) {}
