// Danish names, roughly in order of frequency among today's adults (Danmarks Statistik's name
// statistics), so that picking with a falling weight gives a realistic mix of common and rare names.

export const FEMALE_FIRST_NAMES: readonly string[] = [
  'Anne', 'Kirsten', 'Mette', 'Hanne', 'Anna', 'Helle', 'Susanne', 'Lene', 'Maria', 'Marianne',
  'Lone', 'Camilla', 'Pia', 'Louise', 'Charlotte', 'Tina', 'Gitte', 'Bente', 'Jette', 'Karen',
  'Inge', 'Ida', 'Sofie', 'Julie', 'Emma', 'Christina', 'Maja', 'Laura', 'Cecilie', 'Katrine',
  'Line', 'Rikke', 'Birgitte', 'Heidi', 'Signe', 'Mia', 'Sara', 'Anja', 'Dorthe', 'Lisbeth',
  'Ulla', 'Annette', 'Mona', 'Winnie', 'Vibeke', 'Trine', 'Sanne', 'Malene', 'Stine', 'Nina',
  'Lotte', 'Tanja', 'Pernille', 'Maiken', 'Karina', 'Britt', 'Conni', 'Grethe', 'Else', 'Ingrid',
  'Birthe', 'Jytte', 'Ruth', 'Hanna', 'Freja', 'Clara', 'Ella', 'Josefine', 'Caroline', 'Amalie',
  'Mathilde', 'Nanna', 'Emilie', 'Frederikke', 'Sidsel', 'Marie', 'Kamilla', 'Lærke', 'Astrid', 'Agnes',
  'Alberte', 'Asta', 'Karla', 'Olivia', 'Victoria', 'Andrea', 'Johanne', 'Nicoline', 'Rebecca', 'Simone',
  'Tove', 'Annelise', 'Solveig', 'Merete', 'Dorte', 'Henriette', 'Janne', 'Lise', 'Margit', 'Ditte',
  'Marlene', 'Natasja', 'Sabrina', 'Jeanette', 'Berit', 'Gunhild', 'Kristine', 'Mille', 'Thea', 'Silje',
];

export const MALE_FIRST_NAMES: readonly string[] = [
  'Peter', 'Jens', 'Lars', 'Michael', 'Henrik', 'Thomas', 'Søren', 'Jan', 'Niels', 'Christian',
  'Martin', 'Jørgen', 'Hans', 'Anders', 'Rasmus', 'Morten', 'Jesper', 'Ole', 'Per', 'Erik',
  'Mads', 'Kim', 'Mikkel', 'Jacob', 'Frederik', 'Bent', 'Steen', 'Torben', 'Brian', 'Poul',
  'Kenneth', 'Allan', 'Carsten', 'Claus', 'Flemming', 'Kasper', 'Bo', 'Johannes', 'Jonas', 'Mathias',
  'Kristian', 'Simon', 'Nikolaj', 'Daniel', 'Alexander', 'Tobias', 'Emil', 'Lasse', 'Andreas', 'Magnus',
  'Kristoffer', 'Philip', 'Oliver', 'William', 'Lucas', 'Noah', 'Victor', 'Sebastian', 'Oscar', 'Malthe',
  'Benjamin', 'Gustav', 'August', 'Carl', 'Valdemar', 'Aksel', 'Villads', 'Asger', 'Troels', 'Ulrik',
  'Finn', 'Preben', 'Leif', 'Knud', 'Arne', 'Svend', 'Kurt', 'Bjarne', 'Palle', 'John',
  'René', 'Jimmi', 'Dennis', 'Tommy', 'Stefan', 'Thorbjørn', 'Rune', 'Esben', 'Sune', 'Anton',
  'Benny', 'Gert', 'Helge', 'Ib', 'Jakob', 'Jeppe', 'Kaj', 'Keld', 'Mogens', 'Ove',
  'Erling', 'Holger', 'Tage', 'Viggo', 'Aage', 'Bertel', 'Eigil', 'Ebbe', 'Frank', 'Glenn',
];

export const SURNAMES: readonly string[] = [
  'Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen',
  'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen',
  'Knudsen', 'Jakobsen', 'Jacobsen', 'Mikkelsen', 'Olesen', 'Frederiksen', 'Laursen', 'Henriksen', 'Lund', 'Schmidt',
  'Eriksen', 'Holm', 'Kristiansen', 'Clausen', 'Simonsen', 'Svendsen', 'Andreasen', 'Iversen', 'Jeppesen', 'Mogensen',
  'Jespersen', 'Nissen', 'Lauridsen', 'Frandsen', 'Østergaard', 'Jepsen', 'Kjær', 'Carlsen', 'Vestergaard', 'Jessen',
  'Nørgaard', 'Dahl', 'Christoffersen', 'Skov', 'Søndergaard', 'Bertelsen', 'Bruun', 'Lassen', 'Bach', 'Gregersen',
  'Friis', 'Johnsen', 'Steffensen', 'Kjeldsen', 'Bech', 'Krogh', 'Lauritsen', 'Danielsen', 'Mathiesen', 'Andresen',
  'Brandt', 'Winther', 'Toft', 'Ravn', 'Mathiasen', 'Dam', 'Holst', 'Nilsson', 'Lind', 'Berg',
  'Schou', 'Overgaard', 'Kristoffersen', 'Schultz', 'Klausen', 'Karlsen', 'Paulsen', 'Hermansen', 'Thorsen', 'Koch',
  'Thygesen', 'Bak', 'Kruse', 'Bang', 'Juhl', 'Davidsen', 'Berthelsen', 'Nygaard', 'Lorentzen', 'Villadsen',
  'Lorenzen', 'Damgaard', 'Bjerregaard', 'Lange', 'Hedegaard', 'Bendtsen', 'Lauesen', 'Kirkegaard', 'Eskildsen', 'Brodersen',
  'Ahmed', 'Ali', 'Hussein', 'Yilmaz', 'Nguyen', 'Kowalski', 'Nowak', 'Hassan', 'Khan', 'Demir',
];

/** Middle names that Danes often carry, shown in the first-name field as Opus does. */
export const MIDDLE_NAMES: readonly string[] = [
  'Marie', 'Louise', 'Kristine', 'Margrethe', 'Elisabeth', 'Sofie', 'Juul', 'Bruun', 'Skov', 'Holm', 'Lykke', 'Munk', 'Krogh', 'Dahl',
];
