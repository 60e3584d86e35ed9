"""Mobile numbers: typed any way a Swede would, stored in E.164."""

from __future__ import annotations

import phonenumbers


def parse_mobile(text: str, region: str = "SE") -> str | None:
    """'070-123 45 67', '+46 70 123 45 67', '0046701234567' → '+46701234567'; None if not a
    valid mobile number (landlines cannot receive our text messages)."""
    cleaned = text.strip()
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    try:
        number = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    kind = phonenumbers.number_type(number)
    if kind not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def shown(e164: str, region: str = "SE") -> str:
    """How the number is shown back to its owner: national format at home, else international."""
    number = phonenumbers.parse(e164, region)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(number) == region
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(number, style))
