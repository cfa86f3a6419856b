/**
 * The inputs rail on a phone: a sheet over the lower part of the screen, opened and closed by the
 * "Inputs" button in the summary strip, so a control and the figures it moves are seen together.
 * Escape closes it (focus back on the button). On wide screens the rail is always shown and the
 * button is not.
 */

/** Wires `button` to show and hide `rail` as a sheet. */
export function createRailToggle(button: HTMLElement, rail: HTMLElement): void {
  const set = (open: boolean) => {
    rail.classList.toggle('open', open);
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? 'Close inputs' : 'Inputs';
  };
  button.addEventListener('click', () => set(!rail.classList.contains('open')));
  rail.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !rail.classList.contains('open')) return;
    set(false);
    button.focus();
  });
}
