package dev.sheaf.clean;

import java.util.Locale;

/** The kinds of personal data {@code sheaf clean} masks, each with its placeholder. */
public enum PiiType {
  EMAIL("<EMAIL>"),
  IPV4("<IP_ADDRESS>"),
  IPV6("<IP_ADDRESS>"),
  PHONE("<PHONE>"),
  CREDIT_CARD("<CREDIT_CARD>");

  private final String placeholder;

  PiiType(String placeholder) {
    this.placeholder = placeholder;
  }

  public String placeholder() {
    return placeholder;
  }

  /** {@code credit-card}, as {@code --mask-pii} takes it. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
