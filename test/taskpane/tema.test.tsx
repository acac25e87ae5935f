/** @jest-environment jsdom */
import { act, renderHook } from "@testing-library/react";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { temaDaOffice, useTemaDiOffice } from "../../src/taskpane/tema";

describe("Office's theme, followed", () => {
  it("is read again when the pane gets the focus or is shown again (Excel has no theme-changed event)", () => {
    let scuro = false;
    const leggi = () => temaDaOffice({ isDarkTheme: scuro });
    const { result } = renderHook(() => useTemaDiOffice(leggi));
    expect(result.current).toBe(webLightTheme);
    scuro = true;
    act(() => void window.dispatchEvent(new Event("focus")));
    expect(result.current).toBe(webDarkTheme);
    scuro = false;
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    expect(result.current).toBe(webLightTheme);
  });
});
