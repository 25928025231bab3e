// One of a few words as radio buttons under a legend: a coupon's kind, its scope.
import { useT, type MessageKey } from '../../../i18n/index.ts';

interface CouponChoiceProps<Choice extends string> {
  legend: MessageKey;
  /** The form field, also the radio group's name. */
  name: string;
  choices: readonly Choice[];
  labels: Record<Choice, MessageKey>;
  value: Choice;
  onChange(choice: Choice): void;
}

export function CouponChoice<Choice extends string>({
  legend,
  name,
  choices,
  labels,
  value,
  onChange,
}: CouponChoiceProps<Choice>) {
  const { t } = useT();
  return (
    <fieldset className="coupon-choice">
      <legend className="field__label">{t(legend)}</legend>
      {choices.map((choice) => (
        <label key={choice} className="coupon-choice__option">
          <input type="radio" name={name} value={choice} checked={value === choice} onChange={() => onChange(choice)} />
          <span>{t(labels[choice])}</span>
        </label>
      ))}
    </fieldset>
  );
}
