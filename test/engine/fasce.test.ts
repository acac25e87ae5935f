import { BANDE_PREDEFINITE, Bande, creaBande, fasciaPer } from "../../src/engine/fasce";

describe("default bands", () => {
  test("three bands: ≥90 green, ≥70 amber, <70 red, plus light grey neutralised (palette.test.ts checks them)", () => {
    expect(BANDE_PREDEFINITE.fasce.map((f) => [f.id, f.etichetta, f.soglia, f.colore])).toEqual([
      ["raggiunto", "Raggiunto", 90, "#8ED888"],
      ["parziale", "Parzialmente raggiunto", 70, "#C89A02"],
      ["non_raggiunto", "Non raggiunto", 0, "#D1593F"],
    ]);
    expect(BANDE_PREDEFINITE.neutralizzato).toEqual({ etichetta: "Neutralizzato", colore: "#E8E8E8" });
  });

  test.each<[number, string]>([
    [100, "raggiunto"],
    [92.3, "raggiunto"],
    [90, "raggiunto"],
    [89.999, "parziale"],
    [88.88, "parziale"],
    [79.23, "parziale"],
    [70, "parziale"],
    [69.999, "non_raggiunto"],
    [33.33, "non_raggiunto"],
    [0, "non_raggiunto"],
  ])("%p → %s", (ragg, id) => {
    expect(fasciaPer(ragg).id).toBe(id);
  });

  test("labels and colours come with the band", () => {
    expect(fasciaPer(95)).toEqual({ id: "raggiunto", etichetta: "Raggiunto", soglia: 90, colore: "#8ED888" });
    expect(fasciaPer(75).etichetta).toBe("Parzialmente raggiunto");
    expect(fasciaPer(75).colore).toBe("#C89A02");
    expect(fasciaPer(10).etichetta).toBe("Non raggiunto");
    expect(fasciaPer(10).colore).toBe("#D1593F");
  });

  test("below 0 still falls in the lowest band", () => {
    expect(fasciaPer(-5).id).toBe("non_raggiunto");
  });

  test("above 100 is raggiunto", () => {
    expect(fasciaPer(150).id).toBe("raggiunto");
  });
});

describe("fasciaPer with custom bands", () => {
  test("order of the bands in the settings does not matter", () => {
    const disordinate: Bande = { ...BANDE_PREDEFINITE, fasce: [...BANDE_PREDEFINITE.fasce].reverse() };
    expect(fasciaPer(95, disordinate).id).toBe("raggiunto");
    expect(fasciaPer(80, disordinate).id).toBe("parziale");
    expect(fasciaPer(50, disordinate).id).toBe("non_raggiunto");
  });

  test("does not reorder the caller's array", () => {
    const fasce = [...BANDE_PREDEFINITE.fasce].reverse();
    const ids = fasce.map((f) => f.id);
    fasciaPer(50, { ...BANDE_PREDEFINITE, fasce });
    expect(fasce.map((f) => f.id)).toEqual(ids);
  });
});

describe("creaBande", () => {
  test("valid thresholds replace the defaults", () => {
    const b = creaBande({ raggiunto: 95, parziale: 60 });
    if (typeof b === "string") throw new Error(b);
    expect(b.fasce.map((f) => f.soglia)).toEqual([95, 60, 0]);
    expect(fasciaPer(95, b).id).toBe("raggiunto");
    expect(fasciaPer(94.99, b).id).toBe("parziale");
    expect(fasciaPer(60, b).id).toBe("parziale");
    expect(fasciaPer(59.99, b).id).toBe("non_raggiunto");
    expect(b.fasce[0].colore).toBe("#8ED888");
    expect(b.neutralizzato).toEqual(BANDE_PREDEFINITE.neutralizzato);
  });

  test("does not mutate the defaults", () => {
    creaBande({ raggiunto: 95, parziale: 60 });
    expect(BANDE_PREDEFINITE.fasce.map((f) => f.soglia)).toEqual([90, 70, 0]);
    expect(fasciaPer(90).id).toBe("raggiunto");
  });

  test("raggiunto may be exactly 100", () => {
    const b = creaBande({ raggiunto: 100, parziale: 50 });
    expect(typeof b).toBe("object");
  });

  test.each([
    ["equal thresholds", 70, 70],
    ["inverted thresholds", 70, 90],
    ["parziale 0", 90, 0],
    ["parziale negative", 90, -10],
    ["raggiunto above 100", 101, 70],
    ["NaN", NaN, 70],
    ["NaN parziale", 90, NaN],
  ])("%s → Italian error message", (_label, raggiunto, parziale) => {
    expect(creaBande({ raggiunto, parziale })).toBe(
      "Le soglie devono essere 0 < Parzialmente raggiunto < Raggiunto ≤ 100."
    );
  });
});
