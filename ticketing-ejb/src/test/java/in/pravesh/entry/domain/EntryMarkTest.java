package in.pravesh.entry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EntryMarkTest {

  @Test
  void anAdmissionRecordReadsBackAsWritten() {
    EntryMark.Admitted record =
        new EntryMark.Admitted(
            Instant.parse("2026-11-28T04:30:00.123Z"),
            "North | Gate \"A\"",
            "abc123",
            false,
            3,
            "def456",
            new ScannedTicket(
                "R9U0nxtD_u0G", "FMYJ-9UX3", "आशा देवी", 3, LocalDate.of(2026, 11, 28)));
    assertThat(EntryMark.parse(record.text())).isEqualTo(record);
  }

  @Test
  void aRecordWithoutNameOrScanKeyReadsBack() {
    EntryMark.Admitted record =
        new EntryMark.Admitted(
            Instant.ofEpochMilli(1),
            "South",
            null,
            true,
            0,
            null,
            new ScannedTicket("id", "CODE-CODE", null, 1, LocalDate.of(2026, 1, 1)));
    assertThat(EntryMark.parse(record.text())).isEqualTo(record);
  }

  @Test
  void aRecordWrittenBeforeExitsExistedIsInsideWithNoMoves() {
    EntryMark mark =
        EntryMark.parse(
            "{\"m\":\"admitted\",\"at\":5,\"gate\":\"G\",\"ticket\":{\"id\":\"t\","
                + "\"code\":\"C\",\"partySize\":2,\"date\":\"2026-01-01\"}}");
    assertThat(mark).isInstanceOf(EntryMark.Admitted.class);
    EntryMark.Admitted admitted = (EntryMark.Admitted) mark;
    assertThat(admitted.inside()).isTrue();
    assertThat(admitted.moves()).isZero();
    assertThat(admitted.moveKeys()).isNull();
  }

  @Test
  void aClaimReadsBackAndGoesStale() {
    EntryMark.Claim claim = new EntryMark.Claim("node-2", 10_000);
    assertThat(EntryMark.parse(claim.text())).isEqualTo(claim);
    assertThat(claim.isStale(12_000, 3_000)).isFalse();
    assertThat(claim.isStale(13_001, 3_000)).isTrue();
  }

  @Test
  void anythingElseIsNoMark() {
    assertThat(EntryMark.parse(null)).isNull();
    assertThat(EntryMark.parse("")).isNull();
    assertThat(EntryMark.parse("P|abc")).isNull();
    assertThat(EntryMark.parse("{\"m\":\"other\"}")).isNull();
    assertThat(EntryMark.parse("{\"m\":\"admitted\"}")).isNull();
  }
}
