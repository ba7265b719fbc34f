DROP TABLE IF EXISTS catalogo_geometrias_cold;
