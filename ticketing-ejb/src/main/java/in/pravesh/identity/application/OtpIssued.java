package in.pravesh.identity.application;

/** The answer to an OTP request (api.md, Auth). */
public record OtpIssued(long expiresInSeconds, long resendAfterSeconds) {}
