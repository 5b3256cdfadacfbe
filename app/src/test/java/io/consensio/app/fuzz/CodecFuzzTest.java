package io.consensio.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;

/**
 * The transaction and block decoders on arbitrary bytes: each input either decodes to a value whose
 * canonical encoding is exactly the input (one encoding per value, so ids and signatures cannot be
 * malleated) or is refused with a {@link DecodingException}; any other exception is a finding.
 */
class CodecFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void transactionAndBlockDecoders(FuzzedDataProvider data) {
    boolean block = data.consumeBoolean();
    byte[] bytes = data.consumeRemainingAsBytes();
    try {
      byte[] again = block ? Block.decode(bytes).encode() : Transaction.decode(bytes).encode();
      assertThat(again).as("canonical re-encoding").isEqualTo(bytes);
    } catch (DecodingException refused) {
      assertThat(refused.getMessage()).as("a decoding error says what is wrong").isNotBlank();
    }
  }
}
